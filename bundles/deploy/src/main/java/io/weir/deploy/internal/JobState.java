package io.weir.deploy.internal;

/** Where a deploy job is. The job file holds it, so a job resumes where it was after a restart. */
enum JobState {
    ACCEPTED, DOWNLOADING, DOWNLOADED, INSTALLING, INSTALLED, ROLLING_BACK, UNINSTALLING,
    /** final: installed and healthy */
    SUCCEEDED,
    /** final: refused or failed before anything changed */
    FAILED,
    /** final: installed, unhealthy, previous version restored */
    ROLLED_BACK,
    /** final: an uninstall job is done */
    UNINSTALLED;

    boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == ROLLED_BACK || this == UNINSTALLED;
    }
}
