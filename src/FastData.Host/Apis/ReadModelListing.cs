using FastData.Host.Queries;
using FastData.Orleans.Persistence.MongoDB;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace FastData.Host.Apis;

/// <summary>The list and count reads shared by single views and projections: parse, validate (before any storage
/// sees the query), run.</summary>
internal static class ReadModelListing
{
    public static async Task<Results<Ok<ListResponse>, ProblemHttpResult>> ListAsync(ReadModelTarget target, HttpContext context, IReadModelQueries queries, IOptions<ApiOptions> options)
    {
        TranslatedReadModelQuery translated;
        try
        {
            translated = ReadModelQueryTranslator.Translate(ListQueryParser.Parse(context.Request.Query), target.Schema, Limits(options.Value));
        }
        catch (ReadModelQueryException e)
        {
            return Invalid(e, target);
        }

        var page = await queries.FindAsync(target, translated, context.RequestAborted);
        return TypedResults.Ok(new ListResponse(page.Items, page.Limit, page.Skip));
    }

    public static async Task<Results<Ok<CountResponse>, ProblemHttpResult>> CountAsync(ReadModelTarget target, HttpContext context, IReadModelQueries queries, IOptions<ApiOptions> options)
    {
        MongoDB.Bson.BsonDocument filter;
        try
        {
            var query = ListQueryParser.Parse(context.Request.Query);
            // Validate every parameter, even the ones a count ignores, so a typo is not silently accepted.
            ReadModelQueryTranslator.Translate(query, target.Schema, Limits(options.Value));
            filter = ReadModelQueryTranslator.TranslateFilter(query, target.Schema, Limits(options.Value));
        }
        catch (ReadModelQueryException e)
        {
            return Invalid(e, target);
        }

        return TypedResults.Ok(new CountResponse(await queries.CountAsync(target, filter, context.RequestAborted)));
    }

    public static ProblemHttpResult Unknown(string kind, string name, IEnumerable<string> configured) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"Unknown {kind}", detail: $"No {kind} is named '{name}'. Configured: {string.Join(", ", configured)}.");

    private static ProblemHttpResult Invalid(ReadModelQueryException e, ReadModelTarget target) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "Invalid query",
            detail: $"Query parameter '{ListQueryParser.ParameterOf(e.Path)}' of {target.Kind} '{target.Collection}', at '{e.Path}': {e.Reason}",
            extensions: new Dictionary<string, object?> { ["parameter"] = ListQueryParser.ParameterOf(e.Path), ["path"] = e.Path });

    private static ReadModelQueryLimits Limits(ApiOptions options) =>
        new() { DefaultLimit = options.DefaultPageSize, MaxLimit = options.MaxPageSize, MaxSkip = options.MaxSkip };
}

/// <summary>One page of a list read.</summary>
/// <param name="Items">The documents; <c>_id</c> is the canonical key.</param>
/// <param name="Limit">The page size used (after the cap).</param>
/// <param name="Skip">How many matches were skipped.</param>
public sealed record ListResponse(IReadOnlyList<System.Text.Json.Nodes.JsonObject> Items, int Limit, int Skip);

/// <summary>How many documents match.</summary>
public sealed record CountResponse(long Count);
