package dev.latchkey.recovery;

/**
 * A code sent out of band and the challenge it belongs to. The challenge goes to the browser that asked
 * (Latchkey's pages keep it in an HttpOnly cookie); the code goes to the address; both are needed to use it.
 *
 * @param challenge the pending challenge, a token of the same shape as a link's
 * @param code      the digits to type; never log them
 */
public record CodeChallenge(String challenge, String code) {

    /** Never shows the challenge's secret or the code. */
    @Override
    public String toString() {
        return "CodeChallenge[hidden]";
    }
}
