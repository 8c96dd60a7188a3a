using System.Globalization;
using System.Text.Json;
using FastData.Model.Aggregation;
using FastData.Orleans.Persistence.MongoDB;
using MongoDB.Bson;

namespace FastData.Grains.Storage;

/// <summary>
/// Translates a <see cref="RecordFilter"/> into a MongoDB filter that selects at least every document
/// <see cref="RecordFilter.Matches"/> accepts, using the collection's field types (a date compares as a BSON date)
/// so that the lookup can use the index on the field. Where MongoDB's equality is looser (an array containing the
/// value, numbers of another type), the store re-checks each result with <see cref="RecordFilter.Matches"/>; where it
/// could be stricter (embedded documents compare field order), the part is left to that re-check.
/// </summary>
internal static class MongoRecordFilterTranslator
{
    /// <summary>The filter, or null when nothing can match (the store then sends no query).</summary>
    public static BsonDocument? Translate(RecordFilter filter, Func<string, BsonFieldKind> kindOf)
    {
        var part = Part(filter, kindOf);
        return part.MatchesNothing ? null : part.Filter ?? [];
    }

    private static FilterPart Part(RecordFilter filter, Func<string, BsonFieldKind> kindOf) => filter switch
    {
        FieldEqualsFilter eq => Equality(eq, kindOf),
        AndFilter allOf => AllOf(allOf.Children.Select(c => Part(c, kindOf)).ToList()),
        OrFilter anyOf => AnyOf(anyOf.Children.Select(c => Part(c, kindOf)).ToList()),
        _ => FilterPart.All,
    };

    private static FilterPart Equality(FieldEqualsFilter eq, Func<string, BsonFieldKind> kindOf)
    {
        // Dotted, $-prefixed and _id names mean something else to MongoDB: leave them to the re-check.
        if (eq.Field.Length == 0 || eq.Field.Contains('.', StringComparison.Ordinal) || eq.Field.StartsWith('$') || eq.Field == "_id")
        {
            return FilterPart.All;
        }

        var value = eq.Value;
        BsonValue? bson = value.ValueKind switch
        {
            JsonValueKind.Null => BsonNull.Value,
            JsonValueKind.True => BsonBoolean.True,
            JsonValueKind.False => BsonBoolean.False,
            JsonValueKind.Number => value.TryGetInt64(out var l) ? new BsonInt64(l) : new BsonDouble(value.GetDouble()),
            JsonValueKind.String when kindOf(eq.Field) == BsonFieldKind.DateTime => ToDate(value.GetString()!),
            JsonValueKind.String => new BsonString(value.GetString()!),
            _ => null,
        };

        if (bson is null)
        {
            // A string that is no date cannot equal a stored date; an object or array is left to the re-check.
            return value.ValueKind == JsonValueKind.String ? FilterPart.Nothing : FilterPart.All;
        }

        if (kindOf(eq.Field) == BsonFieldKind.DateTime && value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            // The record holds the date as a string: no number or boolean equals it.
            return FilterPart.Nothing;
        }

        return new FilterPart(new BsonDocument(eq.Field, bson), false);
    }

    private static BsonValue? ToDate(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? new BsonDateTime(parsed.UtcDateTime)
            : null;

    private static FilterPart AllOf(List<FilterPart> parts)
    {
        if (parts.Any(p => p.MatchesNothing))
        {
            return FilterPart.Nothing;
        }

        var filters = parts.Where(p => p.Filter is not null).Select(p => p.Filter!).ToList();
        return filters.Count switch
        {
            0 => FilterPart.All,
            1 => new FilterPart(filters[0], false),
            _ => new FilterPart(new BsonDocument("$and", new BsonArray(filters)), false),
        };
    }

    private static FilterPart AnyOf(List<FilterPart> parts)
    {
        if (parts.Any(p => p is { MatchesNothing: false, Filter: null }))
        {
            return FilterPart.All;
        }

        var filters = parts.Where(p => !p.MatchesNothing).Select(p => p.Filter!).ToList();
        if (filters.Count == 0)
        {
            return FilterPart.Nothing;
        }

        if (filters.Count == 1)
        {
            return new FilterPart(filters[0], false);
        }

        // Lookups batched per record are ORs of one field's values: an $in uses the index in one scan.
        if (filters.All(f => f.ElementCount == 1 && !f.GetElement(0).Name.StartsWith('$')) && filters.Select(f => f.GetElement(0).Name).Distinct(StringComparer.Ordinal).Count() == 1)
        {
            var values = new BsonArray(filters.Select(f => f[0]).Distinct());
            return new FilterPart(new BsonDocument(filters[0].GetElement(0).Name, new BsonDocument("$in", values)), false);
        }

        return new FilterPart(new BsonDocument("$or", new BsonArray(filters)), false);
    }

    /// <summary>A translated part: a filter, or everything (null filter), or nothing.</summary>
    private readonly record struct FilterPart(BsonDocument? Filter, bool MatchesNothing)
    {
        public static FilterPart All => new(null, false);

        public static FilterPart Nothing => new(null, true);
    }
}
