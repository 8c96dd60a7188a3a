using System.Globalization;
using System.Text.Json;
using MongoDB.Bson;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>
/// Validates an untrusted <see cref="ReadModelQuery"/> against a <see cref="ReadModelSchema"/> and translates it into
/// MongoDB documents. Only <c>$eq $ne $gt $gte $lt $lte $in $nin $exists $and $or</c> on declared fields pass;
/// everything else (<c>$where</c>, <c>$expr</c>, <c>$function</c>, <c>$regex</c>, unknown fields, <c>$</c> keys inside
/// values, values of the wrong type) throws <see cref="ReadModelQueryException"/> naming the offending path.
/// </summary>
public static class ReadModelQueryTranslator
{
    private static readonly HashSet<string> ComparisonOperators = new(StringComparer.Ordinal) { "$eq", "$ne", "$gt", "$gte", "$lt", "$lte" };
    private static readonly HashSet<string> ListOperators = new(StringComparer.Ordinal) { "$in", "$nin" };

    /// <summary>Validates and translates <paramref name="query"/>; throws <see cref="ReadModelQueryException"/> on the first problem.</summary>
    public static TranslatedReadModelQuery Translate(ReadModelQuery query, ReadModelSchema schema, ReadModelQueryLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(schema);
        limits ??= new ReadModelQueryLimits();

        var filter = TranslateFilter(query, schema, limits);
        var sort = TranslateSort(query.Sort, schema, limits);
        var projection = TranslateProjection(query.Fields, schema, limits);

        var limit = query.Limit ?? limits.DefaultLimit;
        if (limit < 1)
        {
            throw new ReadModelQueryException("limit", $"must be at least 1, got {limit}");
        }

        if (query.Skip < 0)
        {
            throw new ReadModelQueryException("skip", $"must not be negative, got {query.Skip}");
        }

        if (query.Skip > limits.MaxSkip)
        {
            throw new ReadModelQueryException("skip", $"must not exceed {limits.MaxSkip}, got {query.Skip}");
        }

        return new TranslatedReadModelQuery(filter, sort, projection, Math.Min(limit, limits.MaxLimit), query.Skip);
    }

    /// <summary>Validates and translates only the filter part (equality filters and JSON filter) of <paramref name="query"/>.</summary>
    public static BsonDocument TranslateFilter(ReadModelQuery query, ReadModelSchema schema, ReadModelQueryLimits? limits = null)
    {
        limits ??= new ReadModelQueryLimits();
        var clauses = new BsonArray();
        if (query.Equal is { Count: > 0 } equal)
        {
            var equalities = new BsonDocument();
            foreach (var (field, text) in equal.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                var path = $"equal.{field}";
                var type = ResolveField(field, schema, path);
                equalities[field] = ParseText(text, type, path);
            }

            clauses.Add(equalities);
        }

        if (!string.IsNullOrWhiteSpace(query.Filter))
        {
            clauses.Add(ParseJsonFilter(query.Filter, schema, limits));
        }

        return clauses.Count switch
        {
            0 => [],
            1 => clauses[0].AsBsonDocument,
            _ => new BsonDocument("$and", clauses),
        };
    }

    private static BsonDocument ParseJsonFilter(string text, ReadModelSchema schema, ReadModelQueryLimits limits)
    {
        if (text.Length > limits.MaxFilterLength)
        {
            throw new ReadModelQueryException("filter", $"is {text.Length} characters long; the limit is {limits.MaxFilterLength}");
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException ex)
        {
            throw new ReadModelQueryException("filter", $"is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})");
        }

        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ReadModelQueryException("filter", $"must be a JSON object, got {json.RootElement.ValueKind}");
            }

            return Clause(json.RootElement, "filter", depth: 0, schema, limits);
        }
    }

    private static BsonDocument Clause(JsonElement clause, string path, int depth, ReadModelSchema schema, ReadModelQueryLimits limits)
    {
        var result = new BsonDocument();
        foreach (var property in UniqueProperties(clause, path))
        {
            var name = property.Name;
            var propertyPath = $"{path}.{name}";
            if (name is "$and" or "$or")
            {
                result[name] = Logical(property.Value, propertyPath, depth + 1, schema, limits);
            }
            else if (name.StartsWith('$'))
            {
                throw new ReadModelQueryException(propertyPath, $"operator '{name}' is not allowed here; only $and and $or combine clauses");
            }
            else
            {
                var type = ResolveField(name, schema, propertyPath);
                result[name] = Condition(property.Value, type, propertyPath, limits);
            }
        }

        return result;
    }

    private static BsonArray Logical(JsonElement value, string path, int depth, ReadModelSchema schema, ReadModelQueryLimits limits)
    {
        if (depth > limits.MaxFilterDepth)
        {
            throw new ReadModelQueryException(path, $"nests $and/$or deeper than {limits.MaxFilterDepth} levels");
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            throw new ReadModelQueryException(path, "must be a non-empty array of filter objects");
        }

        var clauses = new BsonArray();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new ReadModelQueryException(itemPath, $"must be a filter object, got {item.ValueKind}");
            }

            clauses.Add(Clause(item, itemPath, depth, schema, limits));
        }

        return clauses;
    }

    private static BsonValue Condition(JsonElement value, ReadModelFieldType type, string path, ReadModelQueryLimits limits)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            throw new ReadModelQueryException(path, "an array is not a valid value here; use {\"$in\": [...]} to match any of several values");
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return Scalar(value, type, path, allowNull: true);
        }

        var operators = new BsonDocument();
        foreach (var property in UniqueProperties(value, path))
        {
            var name = property.Name;
            var operatorPath = $"{path}.{name}";
            if (!name.StartsWith('$'))
            {
                throw new ReadModelQueryException(operatorPath, "object values are not allowed; compare fields with operators such as {\"$eq\": value}");
            }

            if (ComparisonOperators.Contains(name))
            {
                operators[name] = Scalar(property.Value, type, operatorPath, allowNull: name is "$eq" or "$ne");
            }
            else if (ListOperators.Contains(name))
            {
                operators[name] = List(property.Value, type, operatorPath, limits);
            }
            else if (name == "$exists")
            {
                operators[name] = property.Value.ValueKind switch
                {
                    JsonValueKind.True => BsonBoolean.True,
                    JsonValueKind.False => BsonBoolean.False,
                    _ => throw new ReadModelQueryException(operatorPath, $"must be true or false, got {property.Value.ValueKind}"),
                };
            }
            else
            {
                throw new ReadModelQueryException(operatorPath, $"operator '{name}' is not allowed; use $eq $ne $gt $gte $lt $lte $in $nin $exists");
            }
        }

        if (operators.ElementCount == 0)
        {
            throw new ReadModelQueryException(path, "an empty object is not a condition");
        }

        return operators;
    }

    private static BsonArray List(JsonElement value, ReadModelFieldType type, string path, ReadModelQueryLimits limits)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new ReadModelQueryException(path, $"must be an array of values, got {value.ValueKind}");
        }

        var count = value.GetArrayLength();
        if (count > limits.MaxInValues)
        {
            throw new ReadModelQueryException(path, $"lists {count} values; the limit is {limits.MaxInValues}");
        }

        var result = new BsonArray(count);
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            result.Add(Scalar(item, type, $"{path}[{index++}]", allowNull: true));
        }

        return result;
    }

    private static BsonValue Scalar(JsonElement value, ReadModelFieldType type, string path, bool allowNull)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return allowNull ? BsonNull.Value : throw new ReadModelQueryException(path, "null can only be compared with $eq, $ne, $in or $nin");
            case JsonValueKind.Object:
                throw new ReadModelQueryException(path, "expected a single value, got an object (operators and '$' keys are not allowed inside values)");
            case JsonValueKind.Array:
                throw new ReadModelQueryException(path, "expected a single value, got an array");
        }

        switch (type)
        {
            case ReadModelFieldType.String:
                return value.ValueKind == JsonValueKind.String ? new BsonString(value.GetString()!) : throw Mismatch(path, type, value);
            case ReadModelFieldType.Integer:
                return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var integer) ? new BsonInt64(integer) : throw Mismatch(path, type, value);
            case ReadModelFieldType.Number:
                return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number) ? new BsonDouble(number) : throw Mismatch(path, type, value);
            case ReadModelFieldType.Boolean:
                return value.ValueKind switch
                {
                    JsonValueKind.True => BsonBoolean.True,
                    JsonValueKind.False => BsonBoolean.False,
                    _ => throw Mismatch(path, type, value),
                };
            case ReadModelFieldType.Date:
                return value.ValueKind == JsonValueKind.String ? ParseDate(value.GetString()!, path) : throw Mismatch(path, type, value);
            default:
                return value.ValueKind switch
                {
                    JsonValueKind.String => new BsonString(value.GetString()!),
                    JsonValueKind.True => BsonBoolean.True,
                    JsonValueKind.False => BsonBoolean.False,
                    JsonValueKind.Number when value.TryGetInt64(out var l) => new BsonInt64(l),
                    JsonValueKind.Number when value.TryGetDouble(out var d) && double.IsFinite(d) => new BsonDouble(d),
                    _ => throw new ReadModelQueryException(path, $"unsupported value {value.GetRawText()}"),
                };
        }
    }

    private static BsonValue ParseText(string? text, ReadModelFieldType type, string path)
    {
        if (text is null)
        {
            throw new ReadModelQueryException(path, "a value is required");
        }

        switch (type)
        {
            case ReadModelFieldType.String:
            case ReadModelFieldType.Any:
                return new BsonString(text);
            case ReadModelFieldType.Integer:
                return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                    ? new BsonInt64(integer)
                    : throw new ReadModelQueryException(path, $"'{text}' is not an integer");
            case ReadModelFieldType.Number:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                    ? new BsonDouble(number)
                    : throw new ReadModelQueryException(path, $"'{text}' is not a number");
            case ReadModelFieldType.Boolean:
                return text switch
                {
                    "true" => BsonBoolean.True,
                    "false" => BsonBoolean.False,
                    _ => throw new ReadModelQueryException(path, $"'{text}' is not true or false"),
                };
            case ReadModelFieldType.Date:
                return ParseDate(text, path);
            default:
                throw new ReadModelQueryException(path, $"a {type} field cannot be compared for equality; filter on its sub-fields");
        }
    }

    private static BsonDateTime ParseDate(string text, string path)
        => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? new BsonDateTime(parsed.UtcDateTime)
            : throw new ReadModelQueryException(path, $"'{text}' is not an ISO 8601 date");

    private static ReadModelQueryException Mismatch(string path, ReadModelFieldType type, JsonElement value)
        => new(path, $"expected a {type} value, got {value.GetRawText()}");

    private static ReadModelFieldType ResolveField(string field, ReadModelSchema schema, string path)
    {
        ValidatePath(field, path);
        return schema.TryResolve(field, out var type)
            ? type
            : throw new ReadModelQueryException(path, $"field '{field}' is not declared as queryable");
    }

    private static void ValidatePath(string field, string path)
    {
        if (string.IsNullOrWhiteSpace(field) || field.Length > 256)
        {
            throw new ReadModelQueryException(path, "a field name must have 1 to 256 characters");
        }

        foreach (var segment in field.Split('.'))
        {
            if (segment.Length == 0 || segment.StartsWith('$') || segment.Contains('\0'))
            {
                throw new ReadModelQueryException(path, $"'{field}' is not a valid field path");
            }
        }
    }

    private static IEnumerable<JsonProperty> UniqueProperties(JsonElement element, string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw new ReadModelQueryException($"{path}.{property.Name}", "the key appears twice");
            }

            yield return property;
        }
    }

    private static BsonDocument? TranslateSort(IReadOnlyList<ReadModelSort>? sort, ReadModelSchema schema, ReadModelQueryLimits limits)
    {
        if (sort is not { Count: > 0 })
        {
            return null;
        }

        if (sort.Count > limits.MaxSortFields)
        {
            throw new ReadModelQueryException("sort", $"has {sort.Count} keys; the limit is {limits.MaxSortFields}");
        }

        var result = new BsonDocument();
        for (var i = 0; i < sort.Count; i++)
        {
            var path = $"sort[{i}]";
            var key = sort[i] ?? throw new ReadModelQueryException(path, "is empty");
            ResolveField(key.Field, schema, path);
            if (result.Contains(key.Field))
            {
                throw new ReadModelQueryException(path, $"field '{key.Field}' is sorted on twice");
            }

            result[key.Field] = key.Descending ? -1 : 1;
        }

        return result;
    }

    private static BsonDocument? TranslateProjection(IReadOnlyList<string>? fields, ReadModelSchema schema, ReadModelQueryLimits limits)
    {
        if (fields is not { Count: > 0 })
        {
            return null;
        }

        if (fields.Count > limits.MaxProjectedFields)
        {
            throw new ReadModelQueryException("fields", $"lists {fields.Count} fields; the limit is {limits.MaxProjectedFields}");
        }

        var result = new BsonDocument("_id", 1);
        for (var i = 0; i < fields.Count; i++)
        {
            var path = $"fields[{i}]";
            var field = fields[i];
            ResolveField(field, schema, path);
            // A path and its own sub-path in one projection is a server error ("path collision"): reject it here.
            if (result.Names.Any(existing => existing != "_id" && (existing == field || field.StartsWith(existing + ".", StringComparison.Ordinal) || existing.StartsWith(field + ".", StringComparison.Ordinal))))
            {
                throw new ReadModelQueryException(path, $"field '{field}' overlaps another projected field");
            }

            result[field] = 1;
        }

        return result;
    }
}
