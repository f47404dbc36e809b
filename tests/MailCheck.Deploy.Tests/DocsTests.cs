using System.Collections;
using System.Reflection;
using MailCheck.Deploy.Tests.Infrastructure;

namespace MailCheck.Deploy.Tests;

/// <summary>docs/configuration.md names every key of every options class (a class with a <c>SectionName</c> constant).</summary>
public sealed class DocsTests
{
    [Fact]
    public void ConfigurationMd_EveryOptionsProperty_Documented()
    {
        var doc = File.ReadAllText(Repo.PathOf("docs", "configuration.md"));
        var assemblies = new[] { typeof(MailCheck.Web.Hosting.MailCheckWebOptions).Assembly, typeof(MailCheck.Core.Smtp.SmtpOptions).Assembly };
        var keys = assemblies
            .SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Section: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string))
            .Where(t => t.Section is not null)
            .SelectMany(t => Keys(t.Type, t.Section!))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.True(keys.Count > 20, $"Only {keys.Count} keys found: {string.Join(", ", keys)}");
        var missing = keys.Where(k => !doc.Contains($"`{k}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"Not in docs/configuration.md: {string.Join(", ", missing)}");
    }

    /// <summary>Settable instance properties, nested option objects flattened, lists as <c>:N</c>.</summary>
    private static IEnumerable<string> Keys(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
        {
            var key = $"{prefix}:{property.Name}";
            var t = property.PropertyType;
            if (t != typeof(string) && typeof(IEnumerable).IsAssignableFrom(t))
            {
                yield return key + ":N";
            }
            else if (t.IsClass && t != typeof(string))
            {
                foreach (var nested in Keys(t, key))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return key;
            }
        }
    }
}
