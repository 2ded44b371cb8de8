/**
 * Internal, WildFly (Undertow) only: request cookies Undertow cannot parse are dropped before they
 * turn every request into a 500. Loaded by Undertow from the service file; other servers never read it.
 */
package dev.latchkey.undertow;
