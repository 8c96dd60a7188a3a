using System.Globalization;
using System.Text.Json;

namespace FastData.Model.Configuration;

/// <summary>Parses Fast Data typed constants: <c>__string__[x]</c> (or deprecated <c>__constant__[x]</c>), <c>__integer__[n]</c>, <c>__boolean__[b]</c>.</summary>
internal static class ConstantParser
{
    // __constant__[x] is Fast Data's deprecated spelling of __string__[x].
    private static readonly string[] Prefixes = ["__string__[", "__constant__[", "__integer__[", "__boolean__["];

    /// <summary>True when the text has a constant's shape (whether or not its content is valid).</summary>
    public static bool LooksLikeConstant(string text) =>
        text.EndsWith(']') && Prefixes.Any(p => text.StartsWith(p, StringComparison.Ordinal));

    public static bool TryParse(string text, out JsonElement value, out string? error)
    {
        value = default;
        error = null;
        var open = text.IndexOf('[', StringComparison.Ordinal);
        var content = text[(open + 1)..^1];
        if (text.StartsWith("__string__[", StringComparison.Ordinal) || text.StartsWith("__constant__[", StringComparison.Ordinal))
        {
            value = JsonSerializer.SerializeToElement(content);
            return true;
        }

        if (text.StartsWith("__integer__[", StringComparison.Ordinal))
        {
            if (long.TryParse(content, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            {
                value = JsonSerializer.SerializeToElement(l);
                return true;
            }

            error = $"'{content}' is not an integer";
            return false;
        }

        if (content is "true" or "false")
        {
            value = JsonSerializer.SerializeToElement(content == "true");
            return true;
        }

        error = $"'{content}' is not true or false";
        return false;
    }
}
