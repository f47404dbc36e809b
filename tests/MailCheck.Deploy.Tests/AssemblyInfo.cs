// These tests start real processes (the app, nginx) on fixed resources of one machine: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// nginx, setpriv and POSIX signals: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
