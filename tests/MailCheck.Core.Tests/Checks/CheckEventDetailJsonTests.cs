using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using MailCheck.Core.Checks;

namespace MailCheck.Core.Tests.Checks;

/// <summary>Every kind of event detail can be stored and read back (a property named like the discriminator breaks this).</summary>
public class CheckEventDetailJsonTests
{
    public static TheoryData<string> DerivedTypes()
    {
        var data = new TheoryData<string>();
        foreach (var attribute in typeof(CheckEventDetail).GetCustomAttributes<JsonDerivedTypeAttribute>())
        {
            data.Add(attribute.DerivedType.FullName!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DerivedTypes))]
    public void Serialize_EveryDetailType_HasNoPropertyClashingWithTheDiscriminator(string typeName)
    {
        var type = typeof(CheckEventDetail).Assembly.GetType(typeName)!;
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };
        options.MakeReadOnly();

        // Resolving the contract is what throws for a clash; it needs no instance.
        var info = options.GetTypeInfo(typeof(CheckEventDetail));

        Assert.Contains(info.PolymorphismOptions!.DerivedTypes, d => d.DerivedType == type);
        Assert.DoesNotContain(options.GetTypeInfo(type).Properties, p => p.Name == "type");
    }
}
