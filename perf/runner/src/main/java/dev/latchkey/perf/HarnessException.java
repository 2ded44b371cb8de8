package dev.latchkey.perf;

/** Something in the harness itself went wrong (a case answered 401, a server did not start): the run stops. */
final class HarnessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    HarnessException(String message) {
        super(message);
    }
}
