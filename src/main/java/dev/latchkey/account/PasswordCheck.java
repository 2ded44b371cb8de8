package dev.latchkey.account;

/**
 * The outcome of checking a password.
 *
 * @param matches     whether the password is right
 * @param needsRehash whether the stored hash should be replaced by {@link PasswordHasher#hash(char[])}
 *                    of the same password now (the cost setting or the bcrypt version changed);
 *                    only ever true when {@code matches}
 */
record PasswordCheck(boolean matches, boolean needsRehash) {

    static final PasswordCheck MISMATCH = new PasswordCheck(false, false);
}
