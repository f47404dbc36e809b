using System.Text.Json;
using System.Text.Json.Serialization;

namespace MailCheck.Core.Documents;

/// <summary>
/// MailCheck's JSON conventions (the API, the hub, the store and the CLI's <c>--json</c>): the web defaults, camelCase
/// names, enums as camelCase strings (never numbers).
/// </summary>
public static class CheckJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies MailCheck's conventions to <paramref name="options"/> (used for ASP.NET Core's own options too).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        if (!options.Converters.Any(c => c is JsonStringEnumConverter))
        {
            options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        }

        return options;
    }
}
