/*
 * A file-based command-line tool over SpanDSP's G.711, G.722 and G.726 codecs, for recbench's
 * conformance campaign (the command adapter writes INPUT and reads OUTPUT). Glue only: it moves
 * the words between the files and SpanDSP's buffers; every sample and code is SpanDSP's own.
 *
 *   spandsp_codec g711 encode|decode A|mu INPUT OUTPUT      samples int16le <-> codes, one octet each
 *   spandsp_codec g722 encode 0 INPUT OUTPUT                 samples int16le -> 8-bit codes, one octet each
 *   spandsp_codec g722 decode MODE INPUT OUTPUT              codes (8-bit words) -> samples int16le
 *   spandsp_codec g726 encode|decode A|mu RATE INPUT OUTPUT [SKIP]
 *                                           law octets as int16le words <-> codes, one octet each; the first SKIP
 *                                           outputs (those of an initialisation sequence) are not written
 *
 * Each run starts from the codec's reset state. Exit 0: OUTPUT written; 3: SpanDSP refused the input;
 * 2: a word this tool does not know (an input it cannot give to SpanDSP); 1: any other failure.
 * Built by campaign_adapters/spandsp.py with gcc against libspandsp (Debian's libspandsp-dev).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <spandsp.h>

static unsigned char *slurp(const char *path, long *size) {
    FILE *file = fopen(path, "rb");
    unsigned char *data;
    if (file == NULL) return NULL;
    fseek(file, 0, SEEK_END);
    *size = ftell(file);
    fseek(file, 0, SEEK_SET);
    data = malloc(*size > 0 ? (size_t)*size : 1);
    if (data == NULL || fread(data, 1, (size_t)*size, file) != (size_t)*size) { fclose(file); free(data); return NULL; }
    fclose(file);
    return data;
}

static int spill(const char *path, const void *data, size_t size) {
    FILE *file = fopen(path, "wb");
    if (file == NULL) return 1;
    if (size > 0 && fwrite(data, 1, size, file) != size) { fclose(file); return 1; }
    return fclose(file) != 0;
}

static int16_t *words(const unsigned char *data, long size, long *count) {  /* int16le, whatever the host */
    long i;
    int16_t *out = malloc((size_t)(size / 2 + 1) * sizeof(int16_t));
    *count = size / 2;
    if (out == NULL) return NULL;
    for (i = 0; i < *count; i++) out[i] = (int16_t)(uint16_t)(data[2 * i] | (data[2 * i + 1] << 8));
    return out;
}

static unsigned char *le_bytes(const int16_t *samples, long count) {
    long i;
    unsigned char *out = malloc((size_t)(2 * count + 1));
    if (out == NULL) return NULL;
    for (i = 0; i < count; i++) {
        out[2 * i] = (unsigned char)((uint16_t)samples[i] & 0xff);
        out[2 * i + 1] = (unsigned char)((uint16_t)samples[i] >> 8);
    }
    return out;
}

static int law_of(const char *word) {
    if (strcmp(word, "A") == 0) return 0;
    if (strcmp(word, "mu") == 0) return 1;
    return -1;
}

int main(int argc, char **argv) {
    long size = 0, count = 0, i;
    unsigned char *data, *bytes;
    int16_t *samples;
    int status = 1, law, encode;
    if (argc < 6) { fprintf(stderr, "usage: see the comment at the top of spandsp_codec.c\n"); return 2; }
    encode = strcmp(argv[2], "encode") == 0;
    if (!encode && strcmp(argv[2], "decode") != 0) return 2;
    if (strcmp(argv[1], "g711") == 0) {
        g711_state_t *state;
        if ((law = law_of(argv[3])) < 0 || (data = slurp(argv[4], &size)) == NULL) return 2;
        state = g711_init(NULL, law == 0 ? G711_ALAW : G711_ULAW);
        if (encode) {
            samples = words(data, size, &count);
            bytes = malloc((size_t)count + 1);
            g711_encode(state, bytes, samples, (int)count);
            status = spill(argv[5], bytes, (size_t)count);
        } else {
            samples = malloc((size_t)(size + 1) * sizeof(int16_t));
            g711_decode(state, samples, data, (int)size);
            bytes = le_bytes(samples, size);
            status = spill(argv[5], bytes, (size_t)(2 * size));
        }
        return status;
    }
    if (strcmp(argv[1], "g722") == 0) {
        int mode = atoi(argv[3]);
        if ((data = slurp(argv[4], &size)) == NULL) return 2;
        if (encode) {
            g722_encode_state_t *state = g722_encode_init(NULL, 64000, 0);
            samples = words(data, size, &count);
            bytes = malloc((size_t)count + 1);
            count = g722_encode(state, bytes, samples, (int)count);
            return spill(argv[5], bytes, (size_t)count);
        } else {
            /* modes 2 and 3 ignore the low-order 1 or 2 bits of each 8-bit word; SpanDSP takes the rest as a number */
            int shift = mode == 2 ? 1 : mode == 3 ? 2 : 0;
            g722_decode_state_t *state;
            /* SpanDSP is opened with a bit rate: a mode without one cannot be given to it (not a rejection of SpanDSP's) */
            if (mode < 1 || mode > 3) { fprintf(stderr, "G.722 mode %d has no bit rate to open SpanDSP with\n", mode); return 1; }
            state = g722_decode_init(NULL, mode == 1 ? 64000 : mode == 2 ? 56000 : 48000, 0);
            for (i = 0; i < size; i++) data[i] = (unsigned char)(data[i] >> shift);
            samples = malloc((size_t)(2 * size + 1) * sizeof(int16_t));
            count = g722_decode(state, samples, data, (int)size);
            bytes = le_bytes(samples, count);
            return spill(argv[5], bytes, (size_t)(2 * count));
        }
    }
    if (strcmp(argv[1], "g726") == 0 && argc >= 7) {
        int rate = atoi(argv[4]);
        long skip = argc >= 8 ? atol(argv[7]) : 0;
        g726_state_t *state;
        if ((law = law_of(argv[3])) < 0 || (data = slurp(argv[5], &size)) == NULL) return 2;
        state = g726_init(NULL, rate * 1000, law == 0 ? G726_ENCODING_ALAW : G726_ENCODING_ULAW, G726_PACKING_NONE);
        /* SpanDSP's own check: g726_init refuses a bit rate G.726 does not have (exit 3: a rejection) */
        if (state == NULL) { fprintf(stderr, "g726_init refused the bit rate %d000\n", rate); return 3; }
        if (encode) {
            /* with a law coding, SpanDSP reads the amp buffer as one law octet per sample */
            unsigned char *octets;
            samples = words(data, size, &count);
            octets = malloc((size_t)count + 1);
            for (i = 0; i < count; i++) {
                if (samples[i] < 0 || samples[i] > 255) {  /* SpanDSP's buffer holds octets: this word cannot be given */
                    fprintf(stderr, "%d is not a law octet: it cannot be given to SpanDSP\n", samples[i]);
                    return 1;
                }
                octets[i] = (unsigned char)samples[i];
            }
            bytes = malloc((size_t)count + 1);
            count = g726_encode(state, bytes, (const int16_t *)(const void *)octets, (int)count);
            if (skip > count) skip = count;
            return spill(argv[6], bytes + skip, (size_t)(count - skip));
        } else {
            unsigned char *octets = malloc((size_t)size + 1);
            int16_t *out = malloc((size_t)(size + 1) * sizeof(int16_t));
            count = g726_decode(state, (int16_t *)(void *)octets, data, (int)size);
            for (i = 0; i < count; i++) out[i] = octets[i];
            if (skip > count) skip = count;
            bytes = le_bytes(out + skip, count - skip);
            return spill(argv[6], bytes, (size_t)(2 * (count - skip)));
        }
    }
    return 2;
}
