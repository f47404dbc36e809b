using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Net;

namespace MailCheck.Cli;

/// <summary>The command line of <c>mailcheck</c> (System.CommandLine): every flag, its help and its checks.</summary>
public sealed class CliCommand
{
    private readonly Argument<string?> _target = new("target")
    {
        Description = "The domain (example.com) or address (someone@example.com) to check. Optional when --to is given.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<string?> _mode = new("--mode", "-m")
    {
        Description = "send (the whole conversation; the message is delivered), probe (stops after RCPT TO: nothing is delivered) or connect (greeting, EHLO, TLS only). Default: send.",
        HelpName = "send|probe|connect",
    };

    private readonly Option<string?> _from = new("--from", "-f") { Description = "The sender (MAIL FROM and From:). Default: MailCheck:Smtp:DefaultFrom.", HelpName = "address" };

    private readonly Option<string[]> _to = new("--to", "-t")
    {
        Description = "A recipient; repeat the flag or separate with commas (at most 5). Default: the address given, or postmaster@domain.",
        HelpName = "address",
    };

    private readonly Option<string?> _subject = new("--subject") { Description = "The test message's subject. Default: \"MailCheck test <date> UTC\".", HelpName = "text" };

    private readonly Option<string?> _body = new("--body") { Description = "The test message's body (\\n for a new line is not expanded: use --body-file for several lines).", HelpName = "text" };

    private readonly Option<string?> _bodyFile = new("--body-file") { Description = "Read the body from a file (UTF-8), or from standard input with -.", HelpName = "path" };

    private readonly Option<int?> _port = new("--port", "-p") { Description = "25 (SMTP, default), 587 (submission) or 465 (implicit TLS).", HelpName = "port" };

    private readonly Option<string?> _tls = new("--tls")
    {
        Description = "opportunistic (STARTTLS when offered, default), required (fail without valid TLS), none (never), implicit (TLS from the first byte; default on port 465).",
        HelpName = "opportunistic|required|none|implicit",
    };

    private readonly Option<bool> _allMx = new("--all-mx")
    {
        Description = "Test every address (IPv4 and IPv6) of every MX host, in parallel, and print the MX matrix. Probe (the default with it) or connect only: never sends a message.",
    };

    private readonly Option<string?> _ehlo = new("--ehlo") { Description = "The name sent with EHLO. Default: MailCheck:Smtp:EhloName.", HelpName = "name" };

    private readonly Option<string?> _authUser = new("--auth-user", "-u")
    {
        Description = "Authenticate (AUTH PLAIN/LOGIN) as this user. The password comes from MAILCHECK_PASSWORD or a prompt (never a flag).",
        HelpName = "user",
    };

    private readonly Option<bool> _noPosture = new("--no-posture")
    {
        Description = "Test delivery only: no SPF, DMARC, DKIM, TLS-RPT, BIMI, reverse DNS or blocklist checks and no scorecard.",
    };

    private readonly Option<string[]> _dkimSelector = new("--dkim-selector")
    {
        Description = "A DKIM selector to look for besides the common ones (google, selector1, k1 ...). Repeatable, at most 10.",
        HelpName = "selector",
    };

    private readonly Option<string[]> _dns = new("--dns") { Description = "A DNS server to ask instead of the system's: 127.0.0.1:5353, [::1]:53. Repeatable.", HelpName = "ip[:port]" };

    private readonly Option<string[]> _allowNetwork = new("--allow-network")
    {
        Description = "Allow a network the safety policy refuses (loopback, private ...), e.g. 10.0.0.0/8. Repeatable.",
        HelpName = "cidr",
    };

    private readonly Option<string[]> _allowPort = new("--allow-port") { Description = "Allow a port besides 25, 465 and 587. Repeatable.", HelpName = "port" };

    private readonly Option<string?> _timeout = new("--timeout") { Description = "Deadline for the whole check: 90, 90s, 2m or 00:01:30. Default: 2m.", HelpName = "duration" };

    private readonly Option<bool> _json = new("--json") { Description = "Print only the check's JSON document (the same as GET /api/checks/{id}) when it ends." };

    private readonly Option<bool> _quiet = new("--quiet", "-q") { Description = "Print only the outcome line (and, with --server, the link)." };

    private readonly Option<string?> _server = new("--server")
    {
        Description = "Run the check on a MailCheck server (https://mailcheck.example.com) and stream it from there; prints the share link.",
        HelpName = "url",
    };

    public CliCommand()
    {
        Root = new RootCommand(
            "mailcheck: tests a domain's mail servers as a sending server would (MX, SMTP, STARTTLS, AUTH, MAIL, RCPT, DATA) " +
            "and prints the live transcript. The exit status names the outcome (see below).");
        Root.Arguments.Add(_target);
        foreach (var option in new Option[] { _mode, _from, _to, _subject, _body, _bodyFile, _port, _tls, _allMx, _ehlo, _authUser, _noPosture, _dkimSelector, _dns, _allowNetwork, _allowPort, _timeout, _json, _quiet, _server })
        {
            Root.Options.Add(option);
        }

        _port.CustomParser = ParsePort;
        var help = Root.Options.OfType<HelpOption>().Single();
        help.Action = new ExitCodesHelpAction((HelpAction)help.Action!);
    }

    public RootCommand Root { get; }

    /// <summary>Parses the command line (no response files: a target starting with @ is never read as a file).</summary>
    public ParseResult Parse(IReadOnlyList<string> args) => Root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });

    /// <summary>The settings from a parse without errors; throws <see cref="CliUsageException"/> naming the flag at fault.</summary>
    public CliSettings Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var target = parse.GetValue(_target)?.Trim();
        if (target is { Length: 0 })
        {
            target = null;
        }

        var to = Split(parse.GetValue(_to));
        if (target is null && to.Count == 0)
        {
            throw new CliUsageException("give a domain or an address to check (e.g. mailcheck example.com), or --to.");
        }

        if (parse.GetValue(_body) is not null && parse.GetValue(_bodyFile) is not null)
        {
            throw new CliUsageException("--body and --body-file: give one or the other.");
        }

        var settings = new CliSettings
        {
            Target = target,
            Mode = Choice(parse.GetValue(_mode), "--mode", CheckMode.Send, CheckMode.Probe, CheckMode.Connect),
            From = parse.GetValue(_from),
            To = to,
            Subject = parse.GetValue(_subject),
            Body = parse.GetValue(_body),
            BodyFile = parse.GetValue(_bodyFile),
            Port = parse.GetValue(_port),
            Tls = Choice(parse.GetValue(_tls), "--tls", TlsPolicy.Opportunistic, TlsPolicy.Required, TlsPolicy.None, TlsPolicy.Implicit),
            AllMx = parse.GetValue(_allMx),
            EhloName = parse.GetValue(_ehlo),
            AuthUser = parse.GetValue(_authUser),
            Posture = !parse.GetValue(_noPosture),
            DkimSelectors = Split(parse.GetValue(_dkimSelector)),
            DnsServers = [.. (parse.GetValue(_dns) ?? []).Select(Dns)],
            AllowNetworks = [.. (parse.GetValue(_allowNetwork) ?? []).Select(Network)],
            AllowPorts = [.. (parse.GetValue(_allowPort) ?? []).Select(p => Port(p, "--allow-port"))],
            Timeout = parse.GetValue(_timeout) is { } timeout ? Duration(timeout) : null,
            Json = parse.GetValue(_json),
            Quiet = parse.GetValue(_quiet),
            Server = parse.GetValue(_server) is { } server ? ServerUrl(server) : null,
        };
        if (settings.AuthUser is { Length: 0 })
        {
            throw new CliUsageException("--auth-user: give the user name.");
        }

        if (settings.Server is not null && (settings.DnsServers.Count > 0 || settings.AllowNetworks.Count > 0 || settings.AllowPorts.Count > 0 || settings.Timeout is not null))
        {
            var flag = settings.DnsServers.Count > 0 ? "--dns" : settings.AllowNetworks.Count > 0 ? "--allow-network" : settings.AllowPorts.Count > 0 ? "--allow-port" : "--timeout";
            throw new CliUsageException($"{flag} cannot be used with --server: the server checks with its own DNS, safety policy and time limits.");
        }

        return settings;
    }

    private static List<string> Split(string[]? values) =>
        [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))];

    private static T? Choice<T>(string? value, string flag, params T[] allowed)
        where T : struct, Enum
    {
        if (value is null)
        {
            return null;
        }

        foreach (var candidate in allowed)
        {
            if (string.Equals(candidate.ToString(), value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        var names = string.Join(", ", allowed.Select(a => a.ToString().ToLowerInvariant()));
        throw new CliUsageException($"{flag}: '{value}' is not one of {names}.");
    }

    private static int? ParsePort(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535)
        {
            return port;
        }

        result.AddError($"--port: '{text}' is not a TCP port (a number from 1 to 65535; SMTP uses 25, 587 or 465).");
        return null;
    }

    private static int Port(string text, string flag) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? port
            : throw new CliUsageException($"{flag}: '{text}' is not a TCP port (a number from 1 to 65535).");

    private static string Dns(string text) =>
        DnsServerEndpoint.TryParse(text, out _, out var error) ? text.Trim() : throw new CliUsageException($"--dns: {error}");

    private static string Network(string text) =>
        SafetyOptionsValidator.TryParseNetwork(text, out _, out var problem) ? text.Trim() : throw new CliUsageException($"--allow-network: {problem}");

    /// <summary>"90", "90s", "2m", "1h" or "00:01:30"; at most an hour (MailCheck:Smtp:CheckTimeout's limit).</summary>
    internal static TimeSpan Duration(string text)
    {
        var value = text.Trim();
        TimeSpan? parsed = null;
        if (value.Length > 1 && char.IsLetter(value[^1]) && double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            parsed = char.ToLowerInvariant(value[^1]) switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                _ => null,
            };
        }
        else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            parsed = TimeSpan.FromSeconds(seconds);
        }
        else if (value.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span))
        {
            parsed = span;
        }

        return parsed is { } t && t > TimeSpan.Zero && t <= TimeSpan.FromHours(1)
            ? t
            : throw new CliUsageException($"--timeout: '{text}' is not a duration from 1 s to 1 h (write 90, 90s, 2m or 00:01:30).");
    }

    private static Uri ServerUrl(string text)
    {
        var value = text.Trim();
        if (!Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new CliUsageException($"--server: '{text}' is not an http:// or https:// address of a MailCheck (e.g. https://mailcheck.example.com).");
        }

        return uri;
    }
}
