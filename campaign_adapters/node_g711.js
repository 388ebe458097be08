// The npm G.711 packages as a child of recbench's process adapter (docs/process-protocol.md):
// one hello line, then one response line per request line. Glue only: every code and sample is
// the package's own. An input the package's API cannot receive (a sample outside Int16Array, a
// code outside Uint8Array), and a value it returns outside the interface's range, are answered
// as errors: never wrapped, never rejected on the package's behalf.
//
//   node node_g711.js alawmulaw|g711
"use strict";
const readline = require("readline");

function codecs(name) {
  if (name === "alawmulaw") {
    const codec = require("alawmulaw");
    return {
      version: require("alawmulaw/package.json").version,
      // the array functions, which users call (mulaw.encodeSample returns the code's bitwise NOT unmasked,
      // e.g. -1 for 0xFF, which the array function stores into a Uint8Array)
      encode: (law, samples) => Array.from((law === "A" ? codec.alaw : codec.mulaw).encode(samples)),
      decode: (law, codes) => Array.from((law === "A" ? codec.alaw : codec.mulaw).decode(codes)),
    };
  }
  if (name === "g711") {
    const codec = require("g711");
    return {
      version: require("g711/package.json").version,
      encode: (law, samples) => Array.from(law === "A" ? codec.alawFromPCM(samples) : codec.ulawFromPCM(samples)),
      decode: (law, codes) => Array.from(law === "A" ? codec.alawToPCM(codes, 16) : codec.ulawToPCM(codes, 16)),
    };
  }
  return null;
}

function outside(values, low, high) {
  return values.findIndex((value) => !Number.isInteger(value) || value < low || value > high);
}

function answer(codec, request) {
  const input = request.input || {};
  if (input.law !== "A" && input.law !== "mu") return { error: `law ${JSON.stringify(input.law)} is not A or mu` };
  if (request.interface === "encode") {
    const bad = outside(input.samples, -32768, 32767);
    if (bad >= 0) return { error: `sample ${input.samples[bad]} cannot be given to an Int16Array` };
    const codes = codec.encode(input.law, Int16Array.from(input.samples));
    const wrong = outside(codes, 0, 255);
    if (wrong >= 0) return { error: `sample ${input.samples[wrong]} gave ${codes[wrong]}, which is not an octet` };
    return { output: { codes } };
  }
  if (request.interface === "decode") {
    const bad = outside(input.codes, 0, 255);
    if (bad >= 0) return { error: `code ${input.codes[bad]} cannot be given to a Uint8Array` };
    const samples = codec.decode(input.law, Uint8Array.from(input.codes));
    const wrong = outside(samples, -32768, 32767);
    if (wrong >= 0) return { error: `code ${input.codes[wrong]} gave ${samples[wrong]}, not a 16-bit sample` };
    return { output: { samples } };
  }
  return { error: `no interface ${request.interface}` };
}

function main(name) {
  const codec = codecs(name);
  if (codec === null) {
    process.stderr.write("usage: node node_g711.js alawmulaw|g711\n");
    process.exitCode = 2;
    return;
  }
  const write = (message) => process.stdout.write(JSON.stringify(message) + "\n");
  write({ protocol: "recbench-process/1", implementation: { name, version: codec.version }, interfaces: ["decode", "encode"] });
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on("line", (line) => {
    let request;
    try {
      request = JSON.parse(line);
    } catch (problem) {
      process.stderr.write(`not JSON: ${problem}\n`);
      return;
    }
    let response;
    try {
      response = answer(codec, request);
    } catch (problem) {
      response = { error: `${name} threw: ${problem}` };
    }
    write({ id: request.id, ...response });
  });
}

main(process.argv[2]);
