using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastData.Model;

/// <summary>
/// Reads and compares JSON scalars whatever their backing (parsed JsonElement or a CLR primitive), because
/// <see cref="JsonValue.TryGetValue{T}(out T)"/> only converts between number types for parsed values.
/// </summary>
public static class JsonScalars
{
    /// <summary>Reads a JSON number as a 64-bit integer when it has no fraction.</summary>
    public static bool TryGetInt64(JsonNode? node, out long value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (v.TryGetValue(out value))
        {
            return true;
        }

        if (v.TryGetValue<int>(out var i))
        {
            value = i;
            return true;
        }

        return long.TryParse(v.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value)
            || (TryGetDouble(v, out var d) && Math.Floor(d) == d && Math.Abs(d) < 9.2e18 && Assign((long)d, out value));
    }

    /// <summary>Reads a JSON number as a double.</summary>
    public static bool TryGetDouble(JsonNode? node, out double value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (v.TryGetValue(out value))
        {
            return true;
        }

        if (v.TryGetValue<long>(out var l))
        {
            value = l;
            return true;
        }

        return double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Renders a number: an integer without decimal point, otherwise the invariant round-trip form.</summary>
    public static string FormatNumber(JsonNode node)
    {
        if (TryGetInt64(node, out var l))
        {
            return l.ToString(CultureInfo.InvariantCulture);
        }

        return TryGetDouble(node, out var d)
            ? d.ToString("R", CultureInfo.InvariantCulture)
            : throw new FormatException("not a JSON number");
    }

    /// <summary>The value as a string that two values share exactly when <see cref="ValueEquals"/> holds for them, so
    /// that equality lookups can hash: numbers by value (7, 7L and 7.0 give one key), strings ordinal, a missing value
    /// and null alike. Containers get their JSON text, which equal containers share only with the same property order.</summary>
    public static string EqualityKey(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null or JsonValueKind.Undefined => NullKey,
        JsonValueKind.String => "s:" + value.GetValue<string>(),
        JsonValueKind.True => "b:true",
        JsonValueKind.False => "b:false",
        JsonValueKind.Number => "n:" + FormatNumber(value),
        _ => "j:" + value.ToJsonString(),
    };

    /// <summary>The key <see cref="EqualityKey(JsonNode?)"/> gives for the equal node, without building the node.</summary>
    public static string EqualityKey(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => NullKey,
        JsonValueKind.String => "s:" + value.GetString(),
        JsonValueKind.True => "b:true",
        JsonValueKind.False => "b:false",
        JsonValueKind.Number => "n:" + (value.TryGetInt64(out var l)
            ? l.ToString(CultureInfo.InvariantCulture)
            : FormatNumber(JsonValue.Create(value)!)),
        _ => "j:" + JsonNode.Parse(value.GetRawText())!.ToJsonString(),
    };

    private const string NullKey = "null";

    /// <summary>JSON equality of scalars (numbers by value, strings ordinal); containers by deep equality.</summary>
    public static bool ValueEquals(JsonNode? a, JsonNode? b)
    {
        var ka = a?.GetValueKind() ?? JsonValueKind.Null;
        var kb = b?.GetValueKind() ?? JsonValueKind.Null;
        if (ka != kb)
        {
            return false;
        }

        switch (ka)
        {
            case JsonValueKind.Null:
            case JsonValueKind.True:
            case JsonValueKind.False:
                return true;
            case JsonValueKind.String:
                return string.Equals(a!.GetValue<string>(), b!.GetValue<string>(), StringComparison.Ordinal);
            case JsonValueKind.Number:
                if (TryGetInt64(a, out var la) && TryGetInt64(b, out var lb))
                {
                    return la == lb;
                }

                return TryGetDouble(a, out var da) && TryGetDouble(b, out var db) && da == db;
            default:
                return JsonNode.DeepEquals(a, b);
        }
    }

    /// <summary>A total order over scalars for deterministic sorting: null &lt; booleans &lt; numbers &lt; strings &lt; others.</summary>
    public static int Compare(JsonNode? a, JsonNode? b)
    {
        var ra = Rank(a);
        var rb = Rank(b);
        if (ra != rb)
        {
            return ra.CompareTo(rb);
        }

        switch (ra)
        {
            case 0:
                return 0;
            case 1:
                return a!.GetValue<bool>().CompareTo(b!.GetValue<bool>());
            case 2:
                if (TryGetInt64(a, out var la) && TryGetInt64(b, out var lb))
                {
                    return la.CompareTo(lb);
                }

                TryGetDouble(a, out var da);
                TryGetDouble(b, out var db);
                return da.CompareTo(db);
            case 3:
                return string.CompareOrdinal(a!.GetValue<string>(), b!.GetValue<string>());
            default:
                return string.CompareOrdinal(a!.ToJsonString(), b!.ToJsonString());
        }
    }

    private static int Rank(JsonNode? node) => (node?.GetValueKind() ?? JsonValueKind.Null) switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => 0,
        JsonValueKind.True or JsonValueKind.False => 1,
        JsonValueKind.Number => 2,
        JsonValueKind.String => 3,
        _ => 4,
    };

    private static bool Assign(long source, out long target)
    {
        target = source;
        return true;
    }
}
