package org.xcp.clusterstack.cli;

/**
 * The pool document (or an option naming something in it) is not what the selector commands accept:
 * malformed JSON, an unknown field, a wrong type, a dangling reference. One line naming the field; exit 2.
 */
final class PoolInputException extends RuntimeException {
    static final int EXIT = 2;

    PoolInputException(String message) {
        super(message);
    }

    PoolInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
