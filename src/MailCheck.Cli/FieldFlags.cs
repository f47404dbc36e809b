using System.Globalization;
using MailCheck.Core.Checks;

namespace MailCheck.Cli;

/// <summary>Names the flag behind a request field, so a refused request reads like a usage error ("--to (2nd): ...").</summary>
public static class FieldFlags
{
    public static string For(string field, CliSettings settings)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(settings);
        if (field.StartsWith("to[", StringComparison.Ordinal) && field.EndsWith(']')
            && int.TryParse(field[3..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return settings.To.Count > 0 ? $"--to ({Ordinal(index + 1)})" : "the target";
        }

        if (field.StartsWith("dkimSelectors", StringComparison.Ordinal))
        {
            return field.StartsWith("dkimSelectors[", StringComparison.Ordinal) && field.EndsWith(']')
                && int.TryParse(field[14..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? $"--dkim-selector ({Ordinal(n + 1)})"
                : "--dkim-selector";
        }

        return field switch
        {
            "domain" => "the target",
            "to" => settings.To.Count > 0 ? "--to" : "the target",
            "from" => "--from",
            "subject" => "--subject",
            "body" => settings.BodyFile is null ? "--body" : "--body-file",
            "mode" => "--mode",
            "port" => "--port",
            "tls" => "--tls",
            "scope" => settings.Mode is null ? "--all-mx" : "--all-mx with --mode",
            "ehloName" => "--ehlo",
            "auth" or "auth.username" => "--auth-user",
            "auth.password" => PasswordSource.Variable,
            _ => field,
        };
    }

    /// <summary>Every error of a refused request, one line each: "--from: The sender address ...".</summary>
    public static string Describe(IEnumerable<FieldError> errors, CliSettings settings) =>
        string.Join("\n", errors.Select(e => $"{For(e.Field, settings)}: {e.Message}"));

    private static string Ordinal(int n) => n switch
    {
        1 => "1st",
        2 => "2nd",
        3 => "3rd",
        _ => n.ToString(CultureInfo.InvariantCulture) + "th",
    };
}
