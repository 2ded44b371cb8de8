/** bcrypt password hashing and verification. */
package dev.latchkey.password;
