using FastData.Grains.Abstractions;
using FastData.Grains.Pipeline;
using FastData.Grains.Reads;
using FastData.Host.Hosting;
using FastData.Host.Queries;
using FastData.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace FastData.Host.Apis;

/// <summary>Reads single-view documents (role reader).</summary>
public static class SingleViewsApi
{
    public static IEndpointRouteBuilder MapSingleViewsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/single-views").WithTags("Single views").RequireAuthorization(ApiPolicies.Reader);
        api.MapGet("/{name}", ListAsync)
            .WithName("ListSingleViews")
            .WithSummary("Single-view documents matching a query")
            .WithDescription(ApiText.ListDescription);
        api.MapGet("/{name}/count", CountAsync)
            .WithName("CountSingleViews")
            .WithSummary("How many single-view documents match a query")
            .WithDescription(ApiText.CountDescription);
        api.MapGet("/{name}/{key}", GetAsync)
            .WithName("GetSingleView")
            .WithSummary("One single-view document by its key")
            .WithDescription(ApiText.KeyDescription)
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> GetAsync(string name, string key, LoadedConfiguration configuration, LocalDocuments documents, PipelineGrainReferences grains, HttpContext context)
    {
        if (!configuration.Model.SingleViews.ContainsKey(name))
        {
            return ReadModelListing.Unknown("single view", name, configuration.Model.SingleViews.Keys);
        }

        // A document its grain on this silo already shares needs no grain call; any other is read through its grain.
        var grainKey = GrainKeys.Compose(name, key);
        var document = documents.SingleViews.TryGet(grainKey, out var local) ? local : await grains.SingleView(grainKey).GetAsync();
        return document is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Single view not found", detail: $"Single view '{name}' has no document with key '{key}'.")
            : DocumentResults.Ok(context, document);
    }

    private static async Task<Results<Ok<ListResponse>, ProblemHttpResult>> ListAsync(string name, ReadModelTargets targets, LoadedConfiguration configuration, IReadModelQueries queries, IOptions<ApiOptions> options, HttpContext context) =>
        targets.TryGetSingleView(name, out var target)
            ? await ReadModelListing.ListAsync(target, context, queries, options)
            : ReadModelListing.Unknown("single view", name, configuration.Model.SingleViews.Keys);

    private static async Task<Results<Ok<CountResponse>, ProblemHttpResult>> CountAsync(string name, ReadModelTargets targets, LoadedConfiguration configuration, IReadModelQueries queries, IOptions<ApiOptions> options, HttpContext context) =>
        targets.TryGetSingleView(name, out var target)
            ? await ReadModelListing.CountAsync(target, context, queries, options)
            : ReadModelListing.Unknown("single view", name, configuration.Model.SingleViews.Keys);
}
