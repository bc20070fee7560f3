package io.chum.exporter;

/**
 * Thrown inside the exporter thread to unwind it when the session ends the chum (connection gone, fatal error):
 * not an error of the exporter, so it carries no stack trace and is never reported.
 */
final class ExporterEnded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ExporterEnded() {
        super("the chum ended", null, false, false);
    }
}
