using System.Globalization;

namespace MailCheck.Benchmarks.Rig;

/// <summary>"--name value" options of the rig modes.</summary>
internal sealed class Args(string[] args)
{
    public string Get(string name, string? fallback = null)
    {
        var i = Array.IndexOf(args, "--" + name);
        if (i >= 0 && i + 1 < args.Length)
        {
            return args[i + 1];
        }

        return fallback ?? throw new ArgumentException($"--{name} is required.");
    }

    public int Int(string name, int? fallback = null) =>
        int.Parse(Get(name, fallback?.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public bool Bool(string name, bool fallback) => bool.Parse(Get(name, fallback ? "true" : "false"));
}
