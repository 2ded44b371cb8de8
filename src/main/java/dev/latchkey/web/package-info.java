/**
 * How Latchkey reads requests, for the Jakarta EE integration: {@link dev.latchkey.web.WebSettings} (the
 * trusted origins of the CSRF check, the trusted reverse proxies and the {@link dev.latchkey.web.ProxyHeader}
 * they write the client's address in, the development cookie).
 */
package dev.latchkey.web;
