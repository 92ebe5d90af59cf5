// The exporter listens to every meter in the process, as a service's does: tests that create meters must not run
// at the same time, or one test's instruments show up in another's exact output.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
