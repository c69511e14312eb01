package io.github.vaultk8s.testapp.web;

/**
 * A request that cannot be served as sent: a bad body, header or parameter. The message is the
 * problem's detail and never echoes the body.
 */
class InvalidRequestException extends RuntimeException {

	InvalidRequestException(String message) {
		super(message, null, false, false);
	}

}
