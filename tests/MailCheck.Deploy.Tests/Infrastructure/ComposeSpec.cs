using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace MailCheck.Deploy.Tests.Infrastructure;

/// <summary>docker-compose.yml parsed with YAML anchors and merge keys resolved, plus its raw lines for comments.</summary>
internal sealed partial class ComposeSpec
{
    private ComposeSpec(Dictionary<object, object> root, string[] lines)
    {
        Root = root;
        Lines = lines;
    }

    public Dictionary<object, object> Root { get; }

    public string[] Lines { get; }

    public Dictionary<object, object> Services => Map(Root, "services");

    public static ComposeSpec Load(string path)
    {
        var text = File.ReadAllText(path);
        using var reader = new StringReader(text);
        var parser = new MergingParser(new Parser(reader));
        var root = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(parser);
        return new ComposeSpec(root, text.Split('\n'));
    }

    public Dictionary<object, object> Service(string name) => Map(Services, name);

    /// <summary>The environment of a service as a dictionary (compose allows a map or a list of KEY=VALUE).</summary>
    public static Dictionary<string, string> Environment(Dictionary<object, object> service)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!service.TryGetValue("environment", out var env) || env is null)
        {
            return result;
        }

        switch (env)
        {
            case Dictionary<object, object> map:
                foreach (var (k, v) in map)
                {
                    result[(string)k] = v?.ToString() ?? "";
                }

                break;
            case List<object> list:
                foreach (var item in list.Cast<string>())
                {
                    var parts = item.Split('=', 2);
                    result[parts[0]] = parts.Length > 1 ? parts[1] : "";
                }

                break;
        }

        return result;
    }

    public static Dictionary<object, object> Map(Dictionary<object, object> parent, string key) =>
        parent.TryGetValue(key, out var value) && value is Dictionary<object, object> map
            ? map
            : throw new KeyNotFoundException($"'{key}' is missing or not a mapping.");

    public static List<string> Strings(Dictionary<object, object> parent, string key) =>
        parent.TryGetValue(key, out var value) && value is List<object> list ? list.Select(o => o.ToString()!).ToList() : [];

    /// <summary>Compose durations: "30s", "1m30s", "1h", "500ms".</summary>
    public static TimeSpan Duration(string text)
    {
        var total = TimeSpan.Zero;
        var matches = DurationPart().Matches(text);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != text)
        {
            throw new FormatException($"Not a compose duration: '{text}'.");
        }

        foreach (Match m in matches)
        {
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            total += m.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(n),
                "m" => TimeSpan.FromMinutes(n),
                "s" => TimeSpan.FromSeconds(n),
                "ms" => TimeSpan.FromMilliseconds(n),
                "us" => TimeSpan.FromMicroseconds(n),
                _ => throw new FormatException(text),
            };
        }

        return total;
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(h|ms|m|s|us)")]
    private static partial Regex DurationPart();
}
