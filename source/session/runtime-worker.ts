/** The runtime in a worker thread (the dashboard's live session); built by issue 6. */
export {};
