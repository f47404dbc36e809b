using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace MailCheck.Web.Scale;

/// <summary>
/// Who this process is among the instances sharing a database: <c>MailCheck:Scale:InstanceId</c>, or the host name
/// with a random suffix (a new one at every start, so a restarted instance never mistakes another's checks for its own).
/// </summary>
public sealed class InstanceIdentity(IOptions<ScaleOptions> options)
{
    public string Id { get; } = string.IsNullOrWhiteSpace(options.Value.InstanceId) ? Generate() : options.Value.InstanceId.Trim();

    private static string Generate()
    {
        var host = new string(Environment.MachineName.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_').Take(60).ToArray());
        return $"{(host.Length == 0 ? "mailcheck" : host)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
    }
}
