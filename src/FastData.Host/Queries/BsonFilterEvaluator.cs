using MongoDB.Bson;

namespace FastData.Host.Queries;

/// <summary>
/// Evaluates the filter, sort and projection documents of a translated read-model query over in-memory documents
/// the way MongoDB does for the operators the translator lets through (<c>$eq $ne $gt $gte $lt $lte $in $nin
/// $exists $and $or</c>): dotted paths descend into sub-documents and array elements, a condition on an array
/// matches when the array or one of its elements matches, comparisons only match values of the same type class
/// (numbers with numbers, strings with strings...), and <c>null</c> equals a missing field.
/// </summary>
public static class BsonFilterEvaluator
{
    public static bool Matches(BsonDocument document, BsonDocument filter)
    {
        foreach (var element in filter)
        {
            var matched = element.Name switch
            {
                "$and" => element.Value.AsBsonArray.All(c => Matches(document, c.AsBsonDocument)),
                "$or" => element.Value.AsBsonArray.Any(c => Matches(document, c.AsBsonDocument)),
                _ => MatchesField(Resolve(document, element.Name), element.Value),
            };
            if (!matched)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Orders two documents by a sort document (missing fields sort as null, first when ascending).</summary>
    public static int Compare(BsonDocument left, BsonDocument right, BsonDocument sort)
    {
        foreach (var key in sort)
        {
            var a = Resolve(left, key.Name).FirstOrDefault() ?? BsonNull.Value;
            var b = Resolve(right, key.Name).FirstOrDefault() ?? BsonNull.Value;
            var order = SortOrder(a, b);
            if (order != 0)
            {
                return key.Value.ToInt32() < 0 ? -order : order;
            }
        }

        return 0;
    }

    /// <summary>Keeps <c>_id</c> and the projected paths.</summary>
    public static BsonDocument Project(BsonDocument document, BsonDocument projection)
    {
        var result = new BsonDocument();
        foreach (var field in projection.Names)
        {
            Copy(document, result, field.Split('.'), 0);
        }

        return result;
    }

    private static void Copy(BsonDocument source, BsonDocument target, string[] path, int index)
    {
        if (!source.TryGetValue(path[index], out var value))
        {
            return;
        }

        if (index == path.Length - 1)
        {
            target[path[index]] = value;
        }
        else if (value is BsonDocument child)
        {
            var nested = target.TryGetValue(path[index], out var existing) && existing is BsonDocument d ? d : new BsonDocument();
            Copy(child, nested, path, index + 1);
            if (nested.ElementCount > 0)
            {
                target[path[index]] = nested;
            }
        }
        else if (value is BsonArray array)
        {
            var projected = new BsonArray();
            foreach (var item in array.OfType<BsonDocument>())
            {
                var nested = new BsonDocument();
                Copy(item, nested, path, index + 1);
                projected.Add(nested);
            }

            target[path[index]] = projected;
        }
    }

    /// <summary>The values a dotted path reaches: through arrays of documents, and an array's elements as well as the array itself.</summary>
    private static List<BsonValue> Resolve(BsonDocument document, string path)
    {
        var current = new List<BsonValue> { document };
        foreach (var segment in path.Split('.'))
        {
            var next = new List<BsonValue>();
            foreach (var value in current)
            {
                if (value is BsonDocument d && d.TryGetValue(segment, out var child))
                {
                    next.Add(child);
                }
                else if (value is BsonArray array)
                {
                    foreach (var item in array)
                    {
                        if (item is BsonDocument itemDocument && itemDocument.TryGetValue(segment, out var itemChild))
                        {
                            next.Add(itemChild);
                        }
                    }
                }
            }

            current = next;
        }

        var expanded = new List<BsonValue>(current);
        foreach (var value in current)
        {
            if (value is BsonArray array)
            {
                expanded.AddRange(array);
            }
        }

        return expanded;
    }

    private static bool MatchesField(List<BsonValue> values, BsonValue condition)
    {
        if (condition is not BsonDocument operators || operators.ElementCount == 0 || !operators.GetElement(0).Name.StartsWith('$'))
        {
            return EqualsAny(values, condition);
        }

        foreach (var op in operators)
        {
            var matched = op.Name switch
            {
                "$eq" => EqualsAny(values, op.Value),
                "$ne" => !EqualsAny(values, op.Value),
                "$gt" => values.Any(v => Comparable(v, op.Value) && SortOrder(v, op.Value) > 0),
                "$gte" => values.Any(v => Comparable(v, op.Value) && SortOrder(v, op.Value) >= 0),
                "$lt" => values.Any(v => Comparable(v, op.Value) && SortOrder(v, op.Value) < 0),
                "$lte" => values.Any(v => Comparable(v, op.Value) && SortOrder(v, op.Value) <= 0),
                "$in" => op.Value.AsBsonArray.Any(candidate => EqualsAny(values, candidate)),
                "$nin" => !op.Value.AsBsonArray.Any(candidate => EqualsAny(values, candidate)),
                "$exists" => values.Count > 0 == op.Value.ToBoolean(),
                _ => throw new InvalidOperationException($"operator {op.Name} was not validated away"),
            };
            if (!matched)
            {
                return false;
            }
        }

        return true;
    }

    private static bool EqualsAny(List<BsonValue> values, BsonValue expected) =>
        expected.IsBsonNull
            ? values.Count == 0 || values.Any(v => v.IsBsonNull)
            : values.Any(v => Comparable(v, expected) && SortOrder(v, expected) == 0);

    private static bool Comparable(BsonValue a, BsonValue b) => Class(a) == Class(b) && Class(a) != 0;

    /// <summary>MongoDB's comparison order of types, numbers together.</summary>
    private static int Class(BsonValue value) => value.BsonType switch
    {
        BsonType.Null => 1,
        BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128 => 2,
        BsonType.String => 3,
        BsonType.Document => 4,
        BsonType.Array => 5,
        BsonType.Boolean => 8,
        BsonType.DateTime => 9,
        _ => 0,
    };

    private static int SortOrder(BsonValue a, BsonValue b)
    {
        var byClass = Class(a).CompareTo(Class(b));
        if (byClass != 0)
        {
            return byClass;
        }

        return a.BsonType switch
        {
            BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128 => CompareNumbers(a, b),
            BsonType.String => string.CompareOrdinal(a.AsString, b.AsString),
            BsonType.Boolean => a.AsBoolean.CompareTo(b.AsBoolean),
            BsonType.DateTime => a.ToUniversalTime().CompareTo(b.ToUniversalTime()),
            BsonType.Null => 0,
            _ => a.CompareTo(b),
        };
    }

    private static int CompareNumbers(BsonValue a, BsonValue b)
    {
        if (a.BsonType is BsonType.Int32 or BsonType.Int64 && b.BsonType is BsonType.Int32 or BsonType.Int64)
        {
            return a.ToInt64().CompareTo(b.ToInt64());
        }

        return a.ToDouble().CompareTo(b.ToDouble());
    }
}
