/** HTTP without servlet types: session cookies, reading tokens from requests, and the CSRF decision. */
package dev.latchkey.web;
