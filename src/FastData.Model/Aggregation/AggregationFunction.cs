using System.Text.Json.Nodes;

namespace FastData.Model.Aggregation;

/// <summary>A C# function named in a mapping as <c>__fromFile__[name]</c>; returns the mapped value.</summary>
public delegate JsonNode? AggregationFunction(AggregationFunctionContext context);

/// <summary>A single-view validator: false means the aggregated document is not a valid single view.</summary>
public delegate bool SingleViewValidator(JsonObject singleView);
