using FastData.Grains.Abstractions;
using FastData.Grains.Pipeline;
using FastData.Grains.Reads;
using FastData.Host.Hosting;
using FastData.Host.Queries;
using FastData.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace FastData.Host.Apis;

/// <summary>Reads projection records (role reader). Soft-deleted records are never answered.</summary>
public static class ProjectionsApi
{
    public static IEndpointRouteBuilder MapProjectionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/projections").WithTags("Projections").RequireAuthorization(ApiPolicies.Reader);
        api.MapGet("/{name}", ListAsync)
            .WithName("ListProjectionRecords")
            .WithSummary("Projection records matching a query")
            .WithDescription(ApiText.ListDescription);
        api.MapGet("/{name}/count", CountAsync)
            .WithName("CountProjectionRecords")
            .WithSummary("How many projection records match a query")
            .WithDescription(ApiText.CountDescription);
        api.MapGet("/{name}/{key}", GetAsync)
            .WithName("GetProjectionRecord")
            .WithSummary("One projection record by its primary key")
            .WithDescription(ApiText.KeyDescription)
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> GetAsync(string name, string key, LoadedConfiguration configuration, LocalDocuments documents, PipelineGrainReferences grains, HttpContext context)
    {
        if (!configuration.Model.Projections.ContainsKey(name))
        {
            return ReadModelListing.Unknown("projection", name, configuration.Model.Projections.Keys);
        }

        // A document its grain on this silo already shares needs no grain call; any other is read through its grain.
        var grainKey = GrainKeys.Compose(name, key);
        var document = documents.Projections.TryGet(grainKey, out var local) ? local : await grains.Projection(grainKey).GetAsync();
        return document is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Record not found", detail: $"Projection '{name}' has no live record with key '{key}'.")
            : DocumentResults.Ok(context, document);
    }

    private static async Task<Results<Ok<ListResponse>, ProblemHttpResult>> ListAsync(string name, ReadModelTargets targets, LoadedConfiguration configuration, IReadModelQueries queries, IOptions<ApiOptions> options, HttpContext context) =>
        targets.TryGetProjection(name, out var target)
            ? await ReadModelListing.ListAsync(target, context, queries, options)
            : ReadModelListing.Unknown("projection", name, configuration.Model.Projections.Keys);

    private static async Task<Results<Ok<CountResponse>, ProblemHttpResult>> CountAsync(string name, ReadModelTargets targets, LoadedConfiguration configuration, IReadModelQueries queries, IOptions<ApiOptions> options, HttpContext context) =>
        targets.TryGetProjection(name, out var target)
            ? await ReadModelListing.CountAsync(target, context, queries, options)
            : ReadModelListing.Unknown("projection", name, configuration.Model.Projections.Keys);
}
