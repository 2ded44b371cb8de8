package dev.latchkey.recovery;

import java.time.Instant;

/**
 * What a valid one-time token was issued for.
 *
 * @param purpose  its purpose
 * @param userId   the user it was issued to
 * @param address  the address it was sent to (for a change of address, the new one)
 * @param issuedAt when it was issued
 */
public record Redeemed(Purpose purpose, String userId, String address, Instant issuedAt) {
}
