package com.nexussaude.monitor.fhir;

/**
 * Something wrong in the input, located by a FHIRPath-like path ({@code Bundle.entry[2].resource.valueQuantity.code}),
 * with a message naming the value found and what was expected. The rest of the input is still read.
 *
 * @param where   the element that was wrong; {@code $} for the document itself
 * @param message what was wrong
 * @since 0.1
 */
public record Rejection(String where, String message) {

    @Override
    public String toString() {
        return where + ": " + message;
    }
}
