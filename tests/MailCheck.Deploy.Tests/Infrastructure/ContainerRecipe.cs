using System.Globalization;

namespace MailCheck.Deploy.Tests.Infrastructure;

/// <summary>
/// The single source of truth: what the Dockerfile and docker-compose.yml say about ports, paths and variables,
/// and how to run the published app exactly as the image's ENTRYPOINT does.
/// </summary>
internal sealed class ContainerRecipe
{
    /// <summary>The compose service that runs MailCheck.</summary>
    public const string AppService = "mailcheck";

    /// <summary>The compose service of the reverse proxy.</summary>
    public const string ProxyService = "proxy";

    /// <summary>The user the app runs as here (the image's APP_UID is 1654; any non-root uid proves the point).</summary>
    public const int NonRootUid = 65534;

    private ContainerRecipe(DockerfileSpec dockerfile, ComposeSpec compose)
    {
        Dockerfile = dockerfile;
        Compose = compose;
    }

    public static ContainerRecipe Current { get; } = new(
        DockerfileSpec.Load(Repo.PathOf("Dockerfile")),
        ComposeSpec.Load(Repo.PathOf("docker-compose.yml")));

    public DockerfileSpec Dockerfile { get; }

    public ComposeSpec Compose { get; }

    /// <summary>The one VOLUME: where the SQLite file and the keys live.</summary>
    public string DataDirectory => Assert.Single(Dockerfile.Volumes);

    public int HttpPort => int.Parse(Dockerfile.Env["ASPNETCORE_HTTP_PORTS"], CultureInfo.InvariantCulture);

    public TimeSpan ShutdownGrace => TimeSpan.Parse(Dockerfile.Env["MailCheck__ShutdownGrace"], CultureInfo.InvariantCulture);

    public TimeSpan StopGracePeriod =>
        ComposeSpec.Duration((string)Compose.Service(AppService)["stop_grace_period"]);

    /// <summary>
    /// The environment of the container: what the aspnet base image sets, then the Dockerfile's ENV with
    /// <see cref="DataDirectory"/> moved to <paramref name="dataDirectory"/> and the port to <paramref name="port"/>,
    /// then <paramref name="extra"/> (what a compose file or an operator would add).
    /// </summary>
    public Dictionary<string, string> Environment(string dataDirectory, int port, IReadOnlyDictionary<string, string>? extra = null)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ["HOME"] = "/nonexistent", // like a read-only root file system: nothing may be written to the home folder
            ["APP_UID"] = "1654",
            ["DOTNET_RUNNING_IN_CONTAINER"] = "true",
        };
        foreach (var (key, value) in Dockerfile.Env)
        {
            env[key] = MoveDataDirectory(value, dataDirectory);
        }

        Assert.True(env.ContainsKey("ASPNETCORE_HTTP_PORTS"), "The Dockerfile must set ASPNETCORE_HTTP_PORTS.");
        env["ASPNETCORE_HTTP_PORTS"] = port.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        return env;
    }

    /// <summary>The ENTRYPOINT (plus <paramref name="args"/>), run as a non-root user when the tests run as root.</summary>
    public IReadOnlyList<string> Command(params string[] args) => NonRoot([.. Dockerfile.Entrypoint, .. args]);

    /// <summary>The HEALTHCHECK's CMD, run as the same user.</summary>
    public IReadOnlyList<string> HealthCheckCommand => NonRoot([.. Dockerfile.HealthcheckCommand]);

    /// <summary>A fresh directory standing in for the volume, owned by the user the app runs as.</summary>
    public static string NewDataDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "mailcheck-deploy-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(Path.GetDirectoryName(path)!, (UnixFileMode)0b111_101_101);
        if (System.Environment.IsPrivilegedProcess)
        {
            Run("chown", $"{NonRootUid}:{NonRootUid}", path);
        }

        return path;
    }

    public static void DeleteDataDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private string MoveDataDirectory(string value, string dataDirectory)
    {
        var volume = DataDirectory.TrimEnd('/');
        return value == volume ? dataDirectory : value.Replace(volume + "/", dataDirectory.TrimEnd('/') + "/", StringComparison.Ordinal);
    }

    private static List<string> NonRoot(List<string> command)
    {
        if (!System.Environment.IsPrivilegedProcess)
        {
            return command; // already not root
        }

        Assert.True(File.Exists("/usr/bin/setpriv"), "setpriv is missing (Debian package util-linux): it runs the app as a non-root user.");
        return ["/usr/bin/setpriv", $"--reuid={NonRootUid}", $"--regid={NonRootUid}", "--clear-groups", "--", .. command];
    }

    private static void Run(string file, params string[] args)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(file, args))!;
        process.WaitForExit(10_000);
        Assert.True(process.HasExited && process.ExitCode == 0, $"{file} {string.Join(' ', args)} failed");
    }
}
