using System.Text.Json;
using System.Text.Json.Serialization;

namespace MailCheck.Web.Hosting;

/// <summary>The JSON shape of the API, the hub and the store: camelCase names, enums as camelCase strings.</summary>
public static class MailCheckJson
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
