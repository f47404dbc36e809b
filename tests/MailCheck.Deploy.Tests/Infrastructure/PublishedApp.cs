using System.Diagnostics;

namespace MailCheck.Deploy.Tests.Infrastructure;

/// <summary>
/// artifacts/publish (what test.sh and the rig publish): published there when missing or older than the sources,
/// under a file lock so parallel runs do not publish over each other. The app runs as a non-root user, which cannot
/// enter a checkout that only root may (CI clones into a 0700 folder): run as root, the tests run a copy in a folder
/// under /tmp that everyone can read (<see cref="Directory"/>), removed when the test run ends.
/// </summary>
internal static class PublishedApp
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _ensured;

    /// <summary>Where the tests publish.</summary>
    public static string Published { get; } = Repo.PathOf("artifacts", "publish");

    /// <summary>Where the tests run the app from: <see cref="Published"/>, or (as root) its readable copy.</summary>
    public static string Directory { get; } = Environment.IsPrivilegedProcess
        ? Path.Combine(Path.GetTempPath(), "mailcheck-deploy-tests", $"app-{Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)}")
        : Published;

    public static string EntryAssembly => Path.Combine(Published, "MailCheck.Web.dll");

    private static string Marker => Path.Combine(Published, ".deploy-tests-published");

    public static async Task<string> EnsureAsync()
    {
        await Gate.WaitAsync();
        try
        {
            // Once per test run: never publish over the files of an app that a test is running.
            if (_ensured)
            {
                return Directory;
            }

            System.IO.Directory.CreateDirectory(Repo.PathOf("artifacts"));
            await using var fileLock = await LockAsync(Repo.PathOf("artifacts", "publish.lock"), TimeSpan.FromMinutes(5));
            if (!IsCurrent())
            {
                await PublishAsync();
                await File.WriteAllTextAsync(Marker, DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            }

            if (Directory != Published)
            {
                DeleteCopiesOfEndedRuns();
                CopyReadable(Published, Directory);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(Directory);
            }

            _ensured = true;
            return Directory;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A copy every user can read: folders 0755 (from /tmp down), files 0644 (executables 0755).</summary>
    private static void CopyReadable(string from, string to)
    {
        DeleteQuietly(to);
        var parent = Path.GetDirectoryName(to)!;
        System.IO.Directory.CreateDirectory(parent);
        File.SetUnixFileMode(parent, (UnixFileMode)0b111_101_101);
        foreach (var dir in System.IO.Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories).Prepend(from))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, dir));
            System.IO.Directory.CreateDirectory(target);
            File.SetUnixFileMode(target, (UnixFileMode)0b111_101_101);
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            File.Copy(file, target, overwrite: true);
            var executable = (File.GetUnixFileMode(file) & UnixFileMode.UserExecute) != 0;
            File.SetUnixFileMode(target, (UnixFileMode)(executable ? 0b111_101_101 : 0b110_100_100));
        }
    }

    /// <summary>A test host that was killed leaves its copy behind: remove those of processes that no longer run.</summary>
    private static void DeleteCopiesOfEndedRuns()
    {
        var parent = Path.GetDirectoryName(Directory)!;
        if (!System.IO.Directory.Exists(parent))
        {
            return;
        }

        foreach (var copy in System.IO.Directory.EnumerateDirectories(parent, "app-*"))
        {
            if (int.TryParse(Path.GetFileName(copy)["app-".Length..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
                && !System.IO.Directory.Exists($"/proc/{pid.ToString(System.Globalization.CultureInfo.InvariantCulture)}"))
            {
                DeleteQuietly(copy);
            }
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            if (System.IO.Directory.Exists(path))
            {
                System.IO.Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static bool IsCurrent()
    {
        if (!File.Exists(EntryAssembly) || !File.Exists(Path.Combine(Published, "wwwroot", "_framework", "blazor.web.js")))
        {
            return false;
        }

        // An incremental publish leaves unchanged files (the entry assembly too) with old times: compare with a
        // marker written after each publish of ours, or with the entry assembly for someone else's publish.
        var published = new[] { EntryAssembly, Marker }.Where(File.Exists).Max(File.GetLastWriteTimeUtc);
        var newest = new[] { Repo.PathOf("src"), Repo.PathOf("wwwroot") }
            .Where(System.IO.Directory.Exists)
            .SelectMany(d => System.IO.Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.GetLastWriteTimeUtc)
            .DefaultIfEmpty(DateTime.MinValue)
            .Max();
        return published >= newest;
    }

    private static async Task PublishAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repo.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "publish", "src/MailCheck.Web/MailCheck.Web.csproj", "-c", "Release", "-o", Published, "-nologo", "-clp:ErrorsOnly" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("dotnet publish did not finish within 5 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }

    private static async Task<FileStream> LockAsync(string path, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }
}
