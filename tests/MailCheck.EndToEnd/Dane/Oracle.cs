using System.Diagnostics;

namespace MailCheck.EndToEnd.Dane;

/// <summary>
/// Independent oracles for DNSSEC and DANE: dig and delv (BIND's own validator, with its own trust anchor) and
/// openssl s_client's DANE verification. MailCheck's verdicts are compared with theirs.
/// </summary>
public static class Oracle
{
    /// <summary>The validating resolver the app uses (unbound).</summary>
    public static string Resolver => Environment.GetEnvironmentVariable("MAILCHECK_E2E_DNS") ?? "127.0.0.1:15362";

    /// <summary>Runs a program (bounded at 30 s), stdin closed, and returns its exit code and both outputs together.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within 30 s");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>dig with the DO bit against the rig's resolver.</summary>
    public static Task<(int ExitCode, string Output)> DigAsync(string type, string name)
    {
        var (host, port) = HostPort(Resolver);
        return RunAsync("dig", "+dnssec", "+time=3", "+tries=1", "@" + host, "-p", port, type, name);
    }

    /// <summary>The TLSA records of <paramref name="name"/> as dig reads them ("3 1 1 HEX"), or none.</summary>
    public static async Task<IReadOnlyList<string>> TlsaAsync(string name)
    {
        var (host, port) = HostPort(Resolver);
        var (_, output) = await RunAsync("dig", "+short", "+time=3", "+tries=1", "@" + host, "-p", port, "TLSA", name);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length >= 4)
            .Select(p => $"{p[0]} {p[1]} {p[2]} {string.Concat(p.Skip(3))}")];
    }

    /// <summary>delv (validating on its own, with the rig's dane.test trust anchor) through the rig's resolver.</summary>
    public static Task<(int ExitCode, string Output)> DelvAsync(string rigDir, string type, string name)
    {
        var (host, port) = HostPort(Resolver);
        return RunAsync("delv", "-a", Path.Combine(rigDir, "dane", "delv-anchors.conf"), "+root=dane.test", "@" + host, "-p", port, type, name);
    }

    /// <summary>openssl s_client's DANE verification of an SMTP server (STARTTLS) against TLSA records, names ignored for DANE-EE (RFC 7672 §3.2.1).</summary>
    public static Task<(int ExitCode, string Output)> OpenSslDaneAsync(string server, string tlsaDomain, IEnumerable<string> rrdata)
    {
        var args = new List<string> { "s_client", "-connect", server, "-starttls", "smtp", "-servername", tlsaDomain, "-dane_tlsa_domain", tlsaDomain, "-dane_ee_no_namechecks" };
        foreach (var r in rrdata)
        {
            args.Add("-dane_tlsa_rrdata");
            args.Add(r);
        }

        return RunAsync("openssl", [.. args]);
    }

    private static (string Host, string Port) HostPort(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        return (endpoint[..colon], endpoint[(colon + 1)..]);
    }
}
