using System.Globalization;
using FastData.Orleans.Persistence.MongoDB;

namespace FastData.Host.Queries;

/// <summary>
/// Reads a list query from the query string: <c>field=value</c> equality filters, <c>_q</c> (a JSON filter),
/// <c>_s</c> (comma-separated fields, <c>-field</c> descending), <c>_l</c> (limit), <c>_sk</c> (skip), <c>_p</c>
/// (comma-separated fields to return). Other parameters starting with <c>_</c> (except <c>_id</c>) and repeated
/// parameters are rejected. Field names and values are validated later by <see cref="ReadModelQueryTranslator"/>.
/// </summary>
public static class ListQueryParser
{
    public const string Filter = "_q";
    public const string Sort = "_s";
    public const string Limit = "_l";
    public const string Skip = "_sk";
    public const string Fields = "_p";

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { Filter, Sort, Limit, Skip, Fields };

    /// <summary>The query; throws <see cref="ReadModelQueryException"/> whose path is the query-string parameter.</summary>
    public static ReadModelQuery Parse(IQueryCollection query)
    {
        var equal = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in query)
        {
            if (values.Count != 1)
            {
                throw new ReadModelQueryException(name, $"is given {values.Count} times; give it once (use {Filter} with $in for several values)");
            }

            if (name.StartsWith('_') && name != "_id" && !Reserved.Contains(name))
            {
                throw new ReadModelQueryException(name, $"is not a known parameter; use {Filter}, {Sort}, {Limit}, {Skip}, {Fields} or field=value");
            }

            if (!Reserved.Contains(name))
            {
                equal[name] = values.ToString();
            }
        }

        return new ReadModelQuery
        {
            Equal = equal.Count > 0 ? equal : null,
            Filter = query.TryGetValue(Filter, out var filter) ? filter.ToString() : null,
            Sort = query.TryGetValue(Sort, out var sort) ? ParseSort(sort.ToString()) : null,
            Limit = query.TryGetValue(Limit, out var limit) ? ParseInt(limit.ToString(), Limit) : null,
            Skip = query.TryGetValue(Skip, out var skip) ? ParseInt(skip.ToString(), Skip) : 0,
            Fields = query.TryGetValue(Fields, out var fields) ? SplitList(fields.ToString(), Fields) : null,
        };
    }

    /// <summary>Names the query-string parameter a translator path refers to.</summary>
    public static string ParameterOf(string translatorPath)
    {
        if (translatorPath.StartsWith("equal.", StringComparison.Ordinal))
        {
            return translatorPath["equal.".Length..];
        }

        return translatorPath switch
        {
            _ when translatorPath.StartsWith("filter", StringComparison.Ordinal) => Filter,
            _ when translatorPath.StartsWith("sort", StringComparison.Ordinal) => Sort,
            _ when translatorPath.StartsWith("fields", StringComparison.Ordinal) => Fields,
            "limit" => Limit,
            "skip" => Skip,
            _ => translatorPath,
        };
    }

    private static List<ReadModelSort> ParseSort(string text) =>
        [.. SplitList(text, Sort).Select(f => f.StartsWith('-') ? new ReadModelSort(f[1..], Descending: true) : new ReadModelSort(f.TrimStart('+')))];

    private static List<string> SplitList(string text, string parameter)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries);
        if (items.Any(string.IsNullOrEmpty))
        {
            throw new ReadModelQueryException(parameter, "has an empty field name; separate field names with single commas");
        }

        return [.. items];
    }

    private static int ParseInt(string text, string parameter) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ReadModelQueryException(parameter, $"'{text}' is not an integer");
}
