using MailCheck.Core.Checks;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MailCheck.Web.Data;

internal static class PropertyBuilderExtensions
{
    public static PropertyBuilder<string> HaveCheckIdShape(this PropertyBuilder<string> property) =>
        property.HasMaxLength(CheckId.Length).IsUnicode(false);
}
