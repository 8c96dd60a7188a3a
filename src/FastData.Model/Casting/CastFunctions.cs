using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastData.Model.Casting;

/// <summary>The Fast Data default cast functions, by their documented names.</summary>
public static class CastFunctions
{
    /// <summary>Leaves the value as it is.</summary>
    public const string Identity = "identity";
    /// <summary>Renders any scalar as a string (objects and arrays as JSON text).</summary>
    public const string ToStringCast = "to-string";
    /// <summary>Integral numbers or numeric strings to a 64-bit integer.</summary>
    public const string ToInteger = "to-integer";
    /// <summary>Numbers or numeric strings (invariant culture) to a double.</summary>
    public const string ToFloat = "to-float";
    /// <summary>Epoch milliseconds (number or numeric string) to an ISO-8601 UTC string.</summary>
    public const string UnixTimestampToIsoString = "unix-timestamp-to-ISO-string";
    /// <summary>"true"/"false" (any case) or a boolean to a boolean.</summary>
    public const string StringToBoolean = "string-to-boolean";
    /// <summary>Epoch milliseconds or a date string to an instant (an ISO-8601 UTC string in the typed record).</summary>
    public const string ToDate = "to-date";
    /// <summary>An object, or a string holding a JSON object, to an object.</summary>
    public const string ToObject = "to-object";
    /// <summary>An array of objects, or a string holding one, to an array of objects.</summary>
    public const string ToArrayOfObjects = "to-array-of-objects";

    private static readonly Dictionary<string, CastFunction> BuiltIns = new(StringComparer.Ordinal)
    {
        [Identity] = static v => v.DeepClone(),
        [ToStringCast] = CastToString,
        [ToInteger] = CastToInteger,
        [ToFloat] = CastToFloat,
        [UnixTimestampToIsoString] = CastToIsoString,
        [StringToBoolean] = CastToBoolean,
        [ToDate] = CastToIsoString,
        [ToObject] = CastToObject,
        [ToArrayOfObjects] = CastToArrayOfObjects,
    };

    /// <summary>The names of every built-in cast function.</summary>
    public static IReadOnlyCollection<string> BuiltInNames => BuiltIns.Keys;

    /// <summary>Finds a built-in cast function by name.</summary>
    public static bool TryGetBuiltIn(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CastFunction? cast) =>
        BuiltIns.TryGetValue(name, out cast);

    /// <summary>Formats an instant the way typed records carry dates: ISO-8601, UTC, milliseconds, 'Z'.</summary>
    public static string FormatDate(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses a date string (ISO-8601 or RFC 1123; no offset means UTC).</summary>
    public static bool TryParseDate(string text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);

    private static JsonNode? CastToString(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.String => JsonValue.Create(value.GetValue<string>()),
        JsonValueKind.True => JsonValue.Create("true"),
        JsonValueKind.False => JsonValue.Create("false"),
        JsonValueKind.Number => JsonValue.Create(JsonScalars.FormatNumber(value)),
        _ => JsonValue.Create(value.ToJsonString()),
    };

    private static JsonNode? CastToInteger(JsonNode value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.Number:
                return JsonScalars.TryGetInt64(value, out var l)
                    ? JsonValue.Create(l)
                    : throw new FormatException($"{JsonScalars.FormatNumber(value)} is not an integer");
            case JsonValueKind.String:
                var text = value.GetValue<string>().Trim();
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
                {
                    return JsonValue.Create(parsed);
                }

                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var pd) && IsIntegral(pd))
                {
                    return JsonValue.Create((long)pd);
                }

                throw new FormatException($"\"{text}\" is not an integer");
            default:
                throw new FormatException($"a {Kind(value)} is not an integer");
        }
    }

    private static JsonNode? CastToFloat(JsonNode value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.Number:
                JsonScalars.TryGetDouble(value, out var number);
                return JsonValue.Create(number);
            case JsonValueKind.String:
                var text = value.GetValue<string>().Trim();
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
                    ? JsonValue.Create(d)
                    : throw new FormatException($"\"{text}\" is not a number");
            default:
                throw new FormatException($"a {Kind(value)} is not a number");
        }
    }

    private static JsonNode? CastToIsoString(JsonNode value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.Number:
                JsonScalars.TryGetDouble(value, out var epoch);
                return JsonValue.Create(FromEpochMilliseconds(epoch));
            case JsonValueKind.String:
                var text = value.GetValue<string>().Trim();
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
                {
                    return JsonValue.Create(FromEpochMilliseconds(ms));
                }

                return TryParseDate(text, out var instant)
                    ? JsonValue.Create(FormatDate(instant))
                    : throw new FormatException($"\"{text}\" is neither epoch milliseconds nor a date");
            default:
                throw new FormatException($"a {Kind(value)} is not a timestamp");
        }
    }

    private static JsonNode? CastToBoolean(JsonNode value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.True:
                return JsonValue.Create(true);
            case JsonValueKind.False:
                return JsonValue.Create(false);
            case JsonValueKind.String:
                var text = value.GetValue<string>().Trim();
                if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
                {
                    return JsonValue.Create(true);
                }

                return string.Equals(text, "false", StringComparison.OrdinalIgnoreCase)
                    ? JsonValue.Create(false)
                    : throw new FormatException($"\"{text}\" is neither \"true\" nor \"false\"");
            default:
                throw new FormatException($"a {Kind(value)} is not a boolean");
        }
    }

    private static JsonNode? CastToObject(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.Object => value.DeepClone(),
        JsonValueKind.String => JsonNode.Parse(value.GetValue<string>()) is JsonObject o
            ? o
            : throw new FormatException("the string does not hold a JSON object"),
        _ => throw new FormatException($"a {Kind(value)} is not an object"),
    };

    private static JsonNode? CastToArrayOfObjects(JsonNode value)
    {
        var array = value.GetValueKind() switch
        {
            JsonValueKind.Array => value.DeepClone().AsArray(),
            JsonValueKind.String => JsonNode.Parse(value.GetValue<string>()) as JsonArray
                ?? throw new FormatException("the string does not hold a JSON array"),
            _ => throw new FormatException($"a {Kind(value)} is not an array"),
        };
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject)
            {
                throw new FormatException($"element {i} is not an object");
            }
        }

        return array;
    }

    private static string FromEpochMilliseconds(double ms)
    {
        if (!double.IsFinite(ms) || ms < -62135596800000d || ms > 253402300799999d)
        {
            throw new FormatException($"{ms.ToString("R", CultureInfo.InvariantCulture)} is out of the date range");
        }

        return FormatDate(DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Floor(ms)));
    }

    private static bool IsIntegral(double d) => double.IsFinite(d) && Math.Floor(d) == d && Math.Abs(d) < 9.2e18;

    private static string Kind(JsonNode value) => value.GetValueKind().ToString().ToLowerInvariant();
}
