using System.Text;
using System.Text.Json;

namespace MailCheck.Deploy.Tests.Infrastructure;

/// <summary>
/// The final stage of the Dockerfile as the tests need it: ENV, EXPOSE, ENTRYPOINT, HEALTHCHECK, USER, WORKDIR,
/// VOLUME, LABEL. Continuation lines and comment lines inside them are handled like Docker does.
/// </summary>
internal sealed class DockerfileSpec
{
    public required IReadOnlyList<string> Stages { get; init; }

    public required IReadOnlyDictionary<string, string> Env { get; init; }

    public required IReadOnlyList<string> Expose { get; init; }

    public required IReadOnlyList<string> Entrypoint { get; init; }

    public required IReadOnlyList<string> HealthcheckCommand { get; init; }

    public required IReadOnlyDictionary<string, string> HealthcheckOptions { get; init; }

    public required string? User { get; init; }

    public required string? WorkDir { get; init; }

    public required IReadOnlyList<string> Volumes { get; init; }

    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>Every instruction of the whole file (all stages), keyword upper-cased, arguments as written.</summary>
    public required IReadOnlyList<(string Keyword, string Arguments)> Instructions { get; init; }

    public static DockerfileSpec Load(string path)
    {
        var instructions = Instructions_(File.ReadAllLines(path));
        var lastFrom = instructions.FindLastIndex(i => i.Keyword == "FROM");
        var final = instructions.Skip(lastFrom).ToList();
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var expose = new List<string>();
        var volumes = new List<string>();
        string[] entrypoint = [];
        string[] health = [];
        var healthOptions = new Dictionary<string, string>(StringComparer.Ordinal);
        string? user = null;
        string? workDir = null;
        foreach (var (keyword, arguments) in final)
        {
            switch (keyword)
            {
                case "ENV":
                    foreach (var (k, v) in Pairs(arguments, "ENV"))
                    {
                        env[k] = v;
                    }

                    break;
                case "LABEL":
                    foreach (var (k, v) in Pairs(arguments, "LABEL"))
                    {
                        labels[k] = v;
                    }

                    break;
                case "EXPOSE":
                    expose.AddRange(Words(arguments));
                    break;
                case "VOLUME":
                    volumes.AddRange(arguments.TrimStart().StartsWith('[') ? JsonArray(arguments) : Words(arguments));
                    break;
                case "ENTRYPOINT":
                    entrypoint = JsonArray(arguments);
                    break;
                case "HEALTHCHECK":
                    var cmd = arguments.IndexOf(" CMD ", StringComparison.Ordinal);
                    if (cmd < 0)
                    {
                        throw new FormatException("HEALTHCHECK without CMD.");
                    }

                    foreach (var option in Words(arguments[..cmd]))
                    {
                        var parts = option.TrimStart('-').Split('=', 2);
                        healthOptions[parts[0]] = parts.Length > 1 ? parts[1] : "";
                    }

                    health = JsonArray(arguments[(cmd + 5)..]);
                    break;
                case "USER":
                    user = arguments.Trim();
                    break;
                case "WORKDIR":
                    workDir = arguments.Trim();
                    break;
            }
        }

        return new DockerfileSpec
        {
            Stages = instructions.Where(i => i.Keyword == "FROM")
                .Select(i => string.Join(' ', Tokens(i.Arguments).Where(t => !t.StartsWith("--", StringComparison.Ordinal))))
                .ToList(),
            Env = env,
            Expose = expose,
            Entrypoint = entrypoint,
            HealthcheckCommand = health,
            HealthcheckOptions = healthOptions,
            User = user,
            WorkDir = workDir,
            Volumes = volumes,
            Labels = labels,
            Instructions = instructions,
        };
    }

    private static List<(string Keyword, string Arguments)> Instructions_(string[] lines)
    {
        var result = new List<(string, string)>();
        var current = new StringBuilder();
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (line.TrimStart().StartsWith('#') || (current.Length == 0 && line.Length == 0))
            {
                continue; // comments (also inside continuations) and blank lines
            }

            if (line.EndsWith('\\'))
            {
                current.Append(line[..^1]).Append(' ');
                continue;
            }

            current.Append(line);
            var text = current.ToString().Trim();
            current.Clear();
            if (text.Length == 0)
            {
                continue;
            }

            var space = text.IndexOfAny([' ', '\t']);
            result.Add(space < 0 ? (text.ToUpperInvariant(), "") : (text[..space].ToUpperInvariant(), text[(space + 1)..].Trim()));
        }

        return result;
    }

    private static string[] JsonArray(string text) =>
        JsonSerializer.Deserialize<string[]>(text.Trim()) ?? throw new FormatException($"Not a JSON array: {text}");

    private static List<string> Words(string text) => Tokens(text).ToList();

    /// <summary>key=value pairs; values may be quoted. The legacy "ENV key value" form is refused.</summary>
    private static IEnumerable<(string Key, string Value)> Pairs(string text, string keyword)
    {
        foreach (var token in Tokens(text))
        {
            var eq = token.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"{keyword} must use key=value pairs; found '{token}'.");
            }

            yield return (token[..eq], token[(eq + 1)..]);
        }
    }

    /// <summary>Splits on unquoted whitespace and removes the quotes (a small subset of the shell's rules).</summary>
    private static IEnumerable<string> Tokens(string text)
    {
        var token = new StringBuilder();
        var inToken = false;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else if (c == '\\' && quote == '"' && i + 1 < text.Length)
                {
                    token.Append(text[++i]);
                }
                else
                {
                    token.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inToken = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inToken)
                {
                    yield return token.ToString();
                    token.Clear();
                    inToken = false;
                }
            }
            else
            {
                token.Append(c);
                inToken = true;
            }
        }

        if (inToken)
        {
            yield return token.ToString();
        }
    }
}
