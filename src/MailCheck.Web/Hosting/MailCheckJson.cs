using System.Text.Json;
using MailCheck.Core.Documents;

namespace MailCheck.Web.Hosting;

/// <summary>
/// The JSON shape of the API, the hub and the store: Core's <see cref="CheckJson"/> conventions (camelCase names,
/// enums as camelCase strings), so that the CLI's <c>--json</c> writes exactly what the API answers.
/// </summary>
public static class MailCheckJson
{
    public static JsonSerializerOptions Options => CheckJson.Options;

    /// <summary>Applies MailCheck's conventions to <paramref name="options"/> (used for ASP.NET Core's own options too).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options) => CheckJson.Configure(options);
}
