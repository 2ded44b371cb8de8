package dev.latchkey.cdi;

/**
 * Says whether a user's e-mail address is verified, for {@link CurrentUser#isAddressVerified()}. The built-in
 * accounts provide one (with {@code latchkey.recovery.enabled=true}); an application with users of its own
 * produces a bean of this type to answer for them.
 */
public interface AddressVerification {

    /** Whether the user's address is verified; false for a user this bean does not know. */
    boolean isVerified(String userId);
}
