// Every host's exporter listens to the meters of the whole process: tests that create meters must not run at the
// same time, or one test's instruments show up in another host's scrape.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
