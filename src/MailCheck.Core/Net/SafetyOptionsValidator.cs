using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Net;

/// <summary>
/// Refuses a malformed <see cref="SafetyOptions"/> at start-up, naming the configuration key
/// (register it and call <c>ValidateOnStart()</c>).
/// </summary>
public sealed class SafetyOptionsValidator : IValidateOptions<SafetyOptions>
{
    public ValidateOptionsResult Validate(string? name, SafetyOptions options)
    {
        var errors = GetErrors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Every problem in <paramref name="options"/>, each naming its key; empty when valid.</summary>
    public static IReadOnlyList<string> GetErrors(SafetyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var networks = options.AllowedNetworks ?? [];
        for (var i = 0; i < networks.Count; i++)
        {
            if (!TryParseNetwork(networks[i], out _, out var problem))
            {
                errors.Add($"{SafetyOptions.SectionName}:AllowedNetworks:{i}: {problem}");
            }
        }

        if (options.AllowedPorts is { } ports)
        {
            if (ports.Count == 0)
            {
                errors.Add($"{SafetyOptions.SectionName}:AllowedPorts is empty: list at least one port, or remove the key to use the defaults ({string.Join(", ", SafetyOptions.DefaultAllowedPorts)}).");
            }

            for (var i = 0; i < ports.Count; i++)
            {
                if (ports[i] is < 1 or > IPEndPoint.MaxPort)
                {
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"{SafetyOptions.SectionName}:AllowedPorts:{i}: {ports[i]} is not a TCP port (1-65535)."));
                }
            }
        }

        return errors;
    }

    /// <summary>
    /// Parses "10.0.0.0/8", "::1/128" or a single address ("127.0.0.2" is 127.0.0.2/32). Refuses a network with
    /// bits set after the prefix ("10.0.0.1/8"), which is usually a typo.
    /// </summary>
    public static bool TryParseNetwork(string? text, out IPNetwork network, out string problem)
    {
        network = default;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            problem = "is empty; write a network such as 127.0.0.0/8 or ::1/128.";
            return false;
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? value : value[..slash];
        if (!IPAddress.TryParse(addressText, out var address) || addressText.Contains('%', StringComparison.Ordinal))
        {
            problem = $"'{value}' is not a network; write one such as 127.0.0.0/8 or ::1/128.";
            return false;
        }

        var maxPrefix = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        var prefix = maxPrefix;
        if (slash >= 0
            && !(int.TryParse(value.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) && prefix <= maxPrefix))
        {
            problem = $"'{value}' has no valid prefix length (0-{maxPrefix}); write one such as 127.0.0.0/8 or ::1/128.";
            return false;
        }

        if (!IPNetwork.TryParse(string.Create(CultureInfo.InvariantCulture, $"{address}/{prefix}"), out var candidate))
        {
            problem = $"'{value}' is not a network; write one such as 127.0.0.0/8 or ::1/128.";
            return false;
        }

        if (!candidate.BaseAddress.Equals(address))
        {
            problem = $"'{value}' has bits set after the prefix; did you mean {candidate}?";
            return false;
        }

        network = candidate;
        problem = "";
        return true;
    }
}
