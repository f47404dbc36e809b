namespace MailCheck.ScaleOut.Rig;

/// <summary>
/// Where the scale-out rig's parts are, from the environment variables that ./test.sh sets (tests/rig/rig.sh env
/// prints them). Without them these tests cannot run and fail, saying so.
/// </summary>
public sealed record ScaleSettings
{
    /// <summary>The Npgsql connection string of the rig's empty database (the two instances share it).</summary>
    public required string Database { get; init; }

    /// <summary>HAProxy (deploy/haproxy/haproxy.cfg): http://127.0.0.1:18580/.</summary>
    public required Uri BalancerUrl { get; init; }

    /// <summary>The two ports HAProxy sends to (instances A and B).</summary>
    public required int[] InstancePorts { get; init; }

    /// <summary>Two more ports for instances that are not behind HAProxy.</summary>
    public required int[] SparePorts { get; init; }

    /// <summary>"127.0.0.1:port" where the tests' recording SMTP server listens.</summary>
    public required string SlowSmtp { get; init; }

    public required string PublishDir { get; init; }

    /// <summary>The rig's dnsmasq ("127.0.0.1:15353").</summary>
    public required string Dns { get; init; }

    /// <summary>The rig's folder (logs; the recording SMTP server writes its log there).</summary>
    public required string RigDir { get; init; }

    public required string Chromium { get; init; }

    public static ScaleSettings FromEnvironment() => new()
    {
        Database = Required("MAILCHECK_SCALE_DATABASE"),
        BalancerUrl = new Uri(Required("MAILCHECK_SCALE_BALANCER_URL")),
        InstancePorts = Ports(Required("MAILCHECK_SCALE_INSTANCE_PORTS")),
        SparePorts = Ports(Required("MAILCHECK_SCALE_SPARE_PORTS")),
        SlowSmtp = Required("MAILCHECK_SCALE_SLOW_SMTP"),
        PublishDir = Required("MAILCHECK_SCALE_PUBLISH_DIR"),
        Dns = Required("MAILCHECK_E2E_DNS"),
        RigDir = Required("MAILCHECK_E2E_RIG_DIR"),
        Chromium = Environment.GetEnvironmentVariable("MAILCHECK_E2E_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium",
    };

    private static int[] Ports(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static string Required(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"The scale-out tests need the rig (PostgreSQL, HAProxy, dnsmasq, postfix, the published app), but {name} is not set. " +
                "Run ./test.sh from the repository root: it starts the rig, sets the variables and runs these tests. See docs/testing.md.");
        }

        return value;
    }
}
