package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.PatientContext;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's chromium through its chromedriver, headless) against the
 * real service with a scripted ward on the live clock: what a nurse sees.
 *
 * <p>Screenshots for the README: {@code mvn -pl nexus-monitor-server -am verify -Dtest=DashboardBrowserTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Ddashboard.screenshots=../docs} writes
 * {@code dashboard-board.png}, {@code dashboard-alerts.png} and {@code dashboard-patient.png} there.
 */
class DashboardBrowserTest {
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final File CHROMIUM = new File("/usr/bin/chromium");
    static WebDriver browser;
    static Path profile;

    @TempDir
    Path dir;
    TestServer t;

    @BeforeAll
    static void startBrowser() throws IOException {
        assumeTrue(CHROMEDRIVER.canExecute() && CHROMIUM.canExecute(), "skipped: the dashboard's browser tests need Debian's"
                + " chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver): apt-get install -y chromium chromium-driver");
        profile = Files.createTempDirectory("nexus-chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--no-first-run", "--user-data-dir=" + profile,
                "--window-size=1920,1080", "--force-prefers-reduced-motion=false");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1920, 1080));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @AfterEach
    void stopServer() {
        if (t != null) {
            t.close();
        }
    }

    // ---- the scripted ward --------------------------------------------------------------------

    /** Registers beds 1..n on two wards, each with a normal set of vitals 25 s old. */
    void ward(int n) {
        Instant now = Instant.now().minusSeconds(25);
        for (int i = 1; i <= n; i++) {
            String id = "bed-" + i;
            t.server.submitRegistration(PatientContext.of(id).withWard(i <= n / 2 || n == 1 ? "cardiology" : "respiratory"), String.valueOf(i));
            t.server.submit(Observation.builder(id, now).heartRate(70 + i % 10).spo2(97).respiratoryRate(15)
                    .bloodPressure(122, 78).temperature(36.8).build());
        }
    }

    /**
     * A bed desaturates over the last 17 s, a point a second: SpO2 96 to 80, heart rate 82 to 114,
     * respiratory rate up to 26 (gradual: a sudden drop would rightly be a technical artefact alarm).
     */
    void deteriorate(String id) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(17);
        for (int i = 0; i <= 16; i++) {
            t.server.submit(Observation.builder(id, start.plusSeconds(i)).heartRate(82 + 2 * i).spo2(96 - i)
                    .respiratoryRate(16 + i * 10 / 16.0).build());
        }
    }

    String openAlertOf(String patient) {
        JsonNode items = json(t.get("/alerts?patient=" + patient, TestServer.ADMIN)).get("items");
        assertThat(items.size()).as("active alerts of " + patient).isPositive();
        return items.get(0).get("alert_id").asText();
    }

    // ---- the page -----------------------------------------------------------------------------

    /** The board re-renders every second, so an element found a moment ago may be gone: look again. */
    WebDriverWait waitUpTo(int seconds) {
        WebDriverWait w = new WebDriverWait(browser, Duration.ofSeconds(seconds));
        w.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return w;
    }

    <T> T until(Function<WebDriver, T> condition) {
        try {
            return waitUpTo(15).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            Object page = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                    "return document.getElementById('conn').textContent + ' | ' + [...document.querySelectorAll('.tile')]"
                    + ".map(t => t.dataset.patient + ':' + t.className).join(', ') + ' | ' + document.body.innerText.slice(0, 1500)");
            throw new AssertionError("the page did not get there; it shows: " + page, e);
        }
    }

    void openDashboard(String token) {
        browser.get(t.base + "/dashboard#token=" + token);
        until(d -> d.findElement(By.id("conn")).getText().equals("LIVE"));
    }

    WebElement tile(String patient) {
        return browser.findElement(By.cssSelector(".tile[data-patient='" + patient + "']"));
    }

    /** What a tile shows, read in one script call (tiles are re-rendered every second). */
    String tileText(String patient) {
        return String.valueOf(((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(\".tile[data-patient='\" + arguments[0] + \"']\"); return e ? e.innerText : ''", patient));
    }

    String tileAnimation(String patient) {
        return String.valueOf(((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(\".tile[data-patient='\" + arguments[0] + \"']\"); return e ? getComputedStyle(e).animationName : ''", patient));
    }

    /** The tile's classes, read in one script call (tiles are re-rendered every second). */
    String classesOf(String patient) {
        Object c = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(\".tile[data-patient='\" + arguments[0] + \"']\"); return e ? e.className : ''", patient);
        return String.valueOf(c);
    }

    void view(String name) {
        browser.findElement(By.cssSelector("nav button[data-view='" + name + "']")).click();
    }

    WebElement alertRow(String alertId) {
        return until(d -> d.findElement(By.cssSelector("#alerts tr[data-alert='" + alertId + "']")));
    }

    void confirmAction(String reason) {
        WebElement reasonField = until(ExpectedConditions.visibilityOfElementLocated(By.id("action-reason")));
        reasonField.sendKeys(reason);
        browser.findElement(By.id("action-ok")).click();
        until(d -> !d.findElement(By.id("action-dialog")).isDisplayed());
    }

    // ---- tests --------------------------------------------------------------------------------

    @Test
    void aDeterioratingBedTurnsRedAndFlashesAndAcknowledgingItInThePageMakesItSteadyAndJournalsTheNurse() {
        t = new TestServer(dir);
        ward(6);
        openDashboard(TestServer.CLINICIAN);
        until(d -> d.findElements(By.cssSelector(".tile")).size() == 6);
        assertThat(classesOf("bed-3")).contains("alarm-none");
        assertThat(tileText("bed-3")).contains("Bed 3", "bed-3", "cardiology", "HR", "SpO2", "97%", "122/78", "36.8°");

        deteriorate("bed-3");
        until(d -> classesOf("bed-3").contains("alarm-high") && classesOf("bed-3").contains("flashing"));
        Object first = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return document.querySelector('.tile').dataset.patient");
        assertThat(first).as("the critical bed comes first").isEqualTo("bed-3");
        // The alarm can be drawn before the last readings (the board redraws every second): wait for 80 %.
        until(d -> tileText("bed-3").contains("80%"));
        // Colour is never the only signal: the priority's asterisks and words are on the tile.
        assertThat(tileText("bed-3")).contains("***", "UNACK", "80%");
        assertThat(tileAnimation("bed-3")).isEqualTo("flash-red");

        String alertId = openAlertOf("bed-3");
        view("alerts");
        until(d -> { alertRow(alertId).findElement(By.cssSelector("button.ack")).click(); return true; });
        confirmAction("at the bedside, probe repositioned");
        until(d -> d.findElement(By.cssSelector("#alerts tr[data-alert='" + alertId + "']")).getText().contains("acknowledged by nurse.ana"));

        view("board");
        until(d -> classesOf("bed-3").contains("steady"));
        assertThat(classesOf("bed-3")).contains("alarm-high").doesNotContain("flashing");
        assertThat(tileText("bed-3")).contains("*** ACK ").doesNotContain("UNACK");
        assertThat(tileAnimation("bed-3")).isEqualTo("none");

        // The journal records the signed-in user (the token's subject), shown in the page's timeline.
        JsonNode records = json(t.get("/alerts/" + alertId + "/timeline", TestServer.ADMIN)).get("records");
        boolean byNurse = false;
        for (JsonNode r : records) {
            byNurse |= r.path("type").asText().contains("ack") && "nurse.ana".equals(r.path("actor").asText())
                    && "at the bedside, probe repositioned".equals(r.path("reason").asText());
        }
        assertThat(byNurse).as("acknowledgement by nurse.ana in " + records).isTrue();
        view("alerts");
        until(d -> { alertRow(alertId).findElement(By.cssSelector("button.timeline")).click(); return true; });
        until(d -> d.findElement(By.id("timeline")).getText().contains("by nurse.ana: at the bedside, probe repositioned"));
    }

    @Test
    void aSilencedBedShowsTheMarkAndAResolvedAlertLeavesTheList() {
        t = new TestServer(dir);
        ward(4);
        deteriorate("bed-2");
        deteriorate("bed-4");
        openDashboard(TestServer.CLINICIAN);
        until(d -> classesOf("bed-2").contains("alarm-high") && classesOf("bed-4").contains("alarm-high"));
        assertThat(tileText("bed-2")).doesNotContain("SILENCED");

        String bed2 = openAlertOf("bed-2");
        view("alerts");
        until(d -> { alertRow(bed2).findElement(By.cssSelector("button.silence")).click(); return true; });
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("silence-minutes"))).selectByValue("60");
        confirmAction("transfer to CT");
        JsonNode silences = json(t.get("/silences", TestServer.ADMIN));
        assertThat(silences.toString()).contains("transfer to CT", "bed-2", "nurse.ana");
        view("board");
        until(d -> !d.findElements(By.cssSelector(".tile[data-patient='bed-2'] .silenced-mark")).isEmpty());
        assertThat(tileText("bed-2")).contains("SILENCED");
        assertThat(tileText("bed-4")).doesNotContain("SILENCED");

        String bed4 = openAlertOf("bed-4");
        view("alerts");
        // The filters ask the API: no medium alerts, then both critical ones again.
        org.openqa.selenium.support.ui.Select severity = new org.openqa.selenium.support.ui.Select(
                browser.findElement(By.cssSelector("#alert-filters select[name='severity']")));
        severity.selectByVisibleText("medium");
        until(d -> d.findElements(By.cssSelector("#alerts tbody tr[data-alert]")).isEmpty()
                && d.findElement(By.id("alerts-empty")).isDisplayed());
        severity.selectByVisibleText("any");
        until(d -> d.findElements(By.cssSelector("#alerts tbody tr[data-alert]")).size() == 2);
        int before = browser.findElements(By.cssSelector("#alerts tbody tr[data-alert]")).size();
        until(d -> { alertRow(bed4).findElement(By.cssSelector("button.resolve")).click(); return true; });
        confirmAction("sensor off, patient well");
        until(d -> d.findElements(By.cssSelector("#alerts tr[data-alert='" + bed4 + "']")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#alerts tbody tr[data-alert]"))).hasSize(before - 1);
        assertThat(json(t.get("/alerts/" + bed4, TestServer.ADMIN)).get("state").asText()).isEqualTo("resolved");
    }

    @Test
    void aPatientsChartShowsEveryReadingAndTheBandLimits() {
        t = new TestServer(dir);
        ward(2);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(22);
        for (int i = 0; i < 12; i++) {
            t.server.submit(Observation.builder("bed-1", start.plusSeconds(i)).heartRate(80 + i).build());
        }
        JsonNode hr = json(t.get("/config/bands", TestServer.ADMIN)).get("heart_rate");
        openDashboard(TestServer.VIEWER);
        until(d -> d.findElements(By.cssSelector(".tile")).size() == 2);
        until(d -> { tile("bed-1").click(); return true; });
        new org.openqa.selenium.support.ui.Select(until(d -> d.findElement(By.id("patient-resolution")))).selectByValue("raw");
        WebElement chart = until(d -> {
            List<WebElement> c = d.findElements(By.cssSelector(".chart[data-vital='heart_rate']"));
            return !c.isEmpty() && c.get(0).getText().contains("raw") ? c.get(0) : null;
        });
        // 12 scripted readings plus the ward's first one.
        assertThat(chart.getAttribute("data-points")).isEqualTo("13");
        String limits = hr.get("normal").get(0).asText() + "," + hr.get("normal").get(1).asText() + ";"
                + hr.get("critical").get(0).asText() + "," + hr.get("critical").get(1).asText();
        assertThat(chart.getAttribute("data-limits")).isEqualTo(limits.replace(".0", ""));
        assertThat(chart.findElements(By.cssSelector("canvas"))).hasSize(1);
        // What uPlot draws: 13 readings, and the limit lines at the bands' values.
        Object drawn = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "const u = document.querySelector(\".chart[data-vital='heart_rate']\").uplot;"
                + " return [u.data[1].filter(v => v != null).length, u.data[2][0], u.data[3][0], u.data[4][0], u.data[5][0]].join(',')");
        assertThat(drawn).isEqualTo("13," + limits.replace(";", ",").replace(".0", ""));
        // uPlot's legend names the series: the readings and the four limit lines.
        assertThat(chart.getText()).contains("normal low", "normal high", "critical low", "critical high");
    }

    @Test
    void afterTheServerRestartsThePageSaysNotConnectedThenReconnectsAndShowsTheSameState() {
        t = new TestServer(dir);
        int port = t.server.port();
        ward(3);
        deteriorate("bed-2");
        String alertId = openAlertOf("bed-2");
        assertThat(t.put("/alerts/" + alertId + "/acknowledge", TestServer.CLINICIAN, "{\"reason\":\"seen\"}").statusCode()).isEqualTo(200);
        openDashboard(TestServer.CLINICIAN);
        until(d -> classesOf("bed-2").contains("steady"));

        t.close();
        t = null;
        until(d -> d.findElement(By.id("conn")).getText().equals("NOT CONNECTED"));
        assertThat(browser.findElement(By.id("offline")).isDisplayed()).isTrue();
        assertThat(browser.findElements(By.cssSelector(".tile"))).as("no numbers while not connected").isEmpty();
        assertThat(browser.findElement(By.id("views")).isDisplayed()).isFalse();

        t = new TestServer(dir, Map.of("PORT", String.valueOf(port)));
        // Registrations are not journalled: the feeder registers again, as after any restart.
        ward(3);
        until(d -> d.findElement(By.id("conn")).getText().equals("LIVE"));
        until(d -> classesOf("bed-2").contains("alarm-high") && classesOf("bed-2").contains("steady"));
        assertThat(tileText("bed-2")).contains("*** ACK ").doesNotContain("UNACK");
        // And it is live on the new process: a new alarm arrives over the WebSocket.
        deteriorate("bed-3");
        until(d -> classesOf("bed-3").contains("alarm-high") && classesOf("bed-3").contains("flashing"));
    }

    @Test
    void widgetsPersistAcrossReloadsAndRestarts() {
        t = new TestServer(dir);
        ward(2);
        openDashboard(TestServer.VIEWER);
        view("widgets");
        WebElement form = browser.findElement(By.id("widget-form"));
        new org.openqa.selenium.support.ui.Select(form.findElement(By.name("type"))).selectByValue("metric");
        form.findElement(By.name("title")).sendKeys("Patients");
        form.findElement(By.name("setting")).sendKeys("patients");
        form.findElement(By.cssSelector("button[type='submit']")).click();
        WebElement w = until(d -> d.findElement(By.cssSelector(".widget")));
        assertThat(w.getText()).contains("Patients (metric)", "2");
        w.findElement(By.cssSelector("button.right")).click();
        until(d -> String.valueOf(((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "const w = document.querySelector('.widget'); return w ? w.style.gridColumn : ''")).startsWith("2"));

        browser.navigate().refresh();
        until(d -> d.findElement(By.id("conn")).getText().equals("LIVE"));
        view("widgets");
        WebElement again = until(d -> d.findElement(By.cssSelector(".widget")));
        assertThat(again.getText()).contains("Patients (metric)");
        assertThat(again.getAttribute("style")).contains("grid-column: 2");
        // Per user: another subject has an empty layout.
        assertThat(json(t.get("/dashboard/data", TestServer.ADMIN)).get("widgets").size()).isZero();

        String id = again.getAttribute("data-widget");
        t.close();
        t = new TestServer(dir);
        JsonNode stored = json(t.get("/dashboard/widgets/" + id, TestServer.VIEWER));
        assertThat(stored.get("title").asText()).isEqualTo("Patients");
        assertThat(stored.get("position").get("x").asInt()).isEqualTo(1);
    }

    @Test
    void withoutATokenThePageAsksForOneAndTheSignInFieldWorks() {
        t = new TestServer(dir);
        ward(1);
        browser.get(t.base + "/dashboard");
        browser.manage().deleteAllCookies();
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input"))).sendKeys("not-a-token");
        browser.findElement(By.cssSelector("#signin-form button")).click();
        until(d -> d.findElement(By.id("signin-error")).getText().contains("refused"));
        browser.findElement(By.id("token-input")).sendKeys(TestServer.VIEWER);
        browser.findElement(By.cssSelector("#signin-form button")).click();
        until(d -> d.findElement(By.id("conn")).getText().equals("LIVE"));
        assertThat(browser.findElement(By.id("user")).getText()).isEqualTo("signed in as viewer.vic");

        // The system panel shows the service's metrics: one patient, its accepted observation.
        view("system");
        WebElement system = until(d -> d.findElement(By.id("system")).getText().contains("observations accepted")
                ? d.findElement(By.id("system")) : null);
        assertThat(system.getText()).contains("patients monitored\n1", "Engine", "Live stream", "websocket clients");
    }

    /** A 64-bed unit fits one 1920x1080 screen; also writes the README's screenshots when asked. */
    @Test
    void aSixtyFourBedUnitFitsOneScreen() throws IOException {
        t = new TestServer(dir);
        ward(64);
        deteriorate("bed-7");
        deteriorate("bed-40");
        t.server.submit(Observation.builder("bed-21", Instant.now()).heartRate(118).build());
        String acked = openAlertOf("bed-40");
        t.put("/alerts/" + acked + "/acknowledge", TestServer.CLINICIAN, "{\"reason\":\"at the bedside\"}");
        openDashboard(TestServer.CLINICIAN);
        until(d -> d.findElements(By.cssSelector(".tile")).size() == 64 && classesOf("bed-7").contains("flashing"));
        Number innerHeight = (Number) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.innerHeight");
        Number lastBottom = (Number) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "const t = document.querySelectorAll('.tile'); return t[t.length - 1].getBoundingClientRect().bottom");
        screenshot("dashboard-board.png");
        assertThat(lastBottom.doubleValue()).as("the 64th tile's bottom within the window of height " + innerHeight).isLessThanOrEqualTo(innerHeight.doubleValue());

        view("alerts");
        until(d -> { alertRow(openAlertOf("bed-7")).findElement(By.cssSelector("button.timeline")).click(); return true; });
        until(d -> !d.findElement(By.id("timeline")).getText().isEmpty());
        screenshot("dashboard-alerts.png");

        view("board");
        until(d -> { tile("bed-7").click(); return true; });
        until(d -> d.findElements(By.cssSelector(".chart canvas")).size() >= 3);
        // NEWS2 over time, from the score changes the server kept: bed-7's rose as it desaturated.
        WebElement news2 = until(d -> d.findElement(By.cssSelector(".chart[data-vital='news2']")));
        JsonNode kept = json(t.get("/vital-signs/bed-7/history", TestServer.VIEWER)).get("news2");
        assertThat(kept.size()).isGreaterThanOrEqualTo(2);
        assertThat(news2.getAttribute("data-points")).isEqualTo(String.valueOf(kept.size()));
        assertThat(kept.get(kept.size() - 1).get("v").asInt()).isGreaterThan(kept.get(0).get("v").asInt());
        screenshot("dashboard-patient.png");
    }

    private void screenshot(String name) throws IOException {
        String target = System.getProperty("dashboard.screenshots");
        if (target == null || target.isBlank()) {
            return;
        }
        Path dirPath = Path.of(target);
        Files.createDirectories(dirPath);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), dirPath.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the screenshot " + dirPath.resolve(name), e);
        }
    }
}
