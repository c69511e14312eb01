package io.github.vaultk8s.testapp.web;

/**
 * A request body over {@link JsonBodyReader#MAX_BODY_BYTES}.
 */
class RequestBodyTooLargeException extends RuntimeException {

	RequestBodyTooLargeException() {
		super("The request body is larger than " + JsonBodyReader.MAX_BODY_BYTES + " bytes.", null, false, false);
	}

}
