namespace MailCheck.EndToEnd.Rig;

/// <summary>
/// Where the rig's parts are, read from the environment variables that ./test.sh sets
/// (tests/rig/rig.sh env prints them). Without them the end-to-end tests cannot run and must fail.
/// </summary>
public sealed record RigSettings
{
    /// <summary>The app through nginx over TLS, with the path base and a trailing slash (https://127.0.0.1:18443/mailcheck/).</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The app through nginx over plain HTTP (http://127.0.0.1:18480/mailcheck/).</summary>
    public required Uri HttpBaseUrl { get; init; }

    /// <summary>The postfix sink's Maildir (every accepted message of the test domains lands here).</summary>
    public required string Maildir { get; init; }

    /// <summary>The rig's scratch folder (logs of postfix, nginx, dnsmasq and the app).</summary>
    public required string RigDir { get; init; }

    /// <summary>Where the tests' own slow SMTP server listens (slow.test's MX points there).</summary>
    public required string SlowSmtp { get; init; }

    /// <summary>The Chromium the tests drive.</summary>
    public required string Chromium { get; init; }

    /// <summary>The app's receive-mode SMTP listener, "127.0.0.70:2525".</summary>
    public required string ReceiveSmtp { get; init; }

    public static RigSettings FromEnvironment()
    {
        return new RigSettings
        {
            BaseUrl = WithSlash(Required("MAILCHECK_E2E_BASE_URL")),
            HttpBaseUrl = WithSlash(Required("MAILCHECK_E2E_HTTP_BASE_URL")),
            Maildir = Required("MAILCHECK_E2E_MAILDIR"),
            RigDir = Required("MAILCHECK_E2E_RIG_DIR"),
            SlowSmtp = Required("MAILCHECK_E2E_SLOW_SMTP"),
            Chromium = Environment.GetEnvironmentVariable("MAILCHECK_E2E_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium",
            ReceiveSmtp = Required("MAILCHECK_E2E_RECEIVE_SMTP"),
        };
    }

    private static string Required(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"The end-to-end tests need the real-world rig (dnsmasq, postfix, nginx, the published app), but {name} is not set. " +
                "Run ./test.sh from the repository root: it starts the rig, sets the MAILCHECK_E2E_* variables and runs these tests. " +
                "See docs/testing.md.");
        }

        return value;
    }

    private static Uri WithSlash(string url) => new(url.EndsWith('/') ? url : url + "/", UriKind.Absolute);
}
