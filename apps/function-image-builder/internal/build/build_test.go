package build

import (
	"archive/tar"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

type staticKeychain struct{ user, password string }

func (k staticKeychain) Resolve(authn.Resource) (authn.Authenticator, error) {
	if k.user == "" {
		return authn.Anonymous, nil
	}
	return &authn.Basic{Username: k.user, Password: k.password}, nil
}

func pushBase(t *testing.T, reference string, keychain authn.Keychain, options ...remote.Option) v1.Image {
	t.Helper()
	image, err := random.Image(512, 2)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := name.ParseReference(reference, name.Insecure)
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.Write(ref, image, append(options, remote.WithAuthFromKeychain(keychain))...); err != nil {
		t.Fatal(err)
	}
	return image
}

func functionDir(t *testing.T, handler string) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "handler.js"), handler)
	writeFile(t, filepath.Join(dir, "node_modules", "dep", "index.js"), "module.exports = 1;\n")
	if err := os.Symlink("../dep/index.js", filepath.Join(dir, "node_modules", ".bin-dep")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func lastLayerFiles(t *testing.T, image v1.Image) map[string]string {
	t.Helper()
	layers, err := image.Layers()
	if err != nil {
		t.Fatal(err)
	}
	reader, err := layers[len(layers)-1].Uncompressed()
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	files := map[string]string{}
	tr := tar.NewReader(reader)
	for {
		header, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return files
		}
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(tr)
		files[header.Name] = string(body) + header.Linkname
	}
}

func keys(m map[string]string) []string {
	result := make([]string, 0, len(m))
	for key := range m {
		result = append(result, key)
	}
	sort.Strings(result)
	return result
}

func TestAppendsTheFunctionLayerToTheBaseAndPushes(t *testing.T) {
	registry := startRegistry(t, registryConfig{})
	base := pushBase(t, registry.Address+"/kubeless-ts/runtime-nodejs:22", staticKeychain{})
	image := registry.Address + "/functions/hello:0123456789abcdef0123"
	result, err := Run(context.Background(), Options{Base: registry.Address + "/kubeless-ts/runtime-nodejs:22", Dir: functionDir(t, "exports.hello = 1;\n"), Target: "/kubeless", Image: image, Insecure: true, Keychain: staticKeychain{}})
	if err != nil {
		t.Fatal(err)
	}
	if result.Existed {
		t.Fatal("a new tag was reported as existing")
	}
	ref, err := name.ParseReference(image, name.Insecure)
	if err != nil {
		t.Fatal(err)
	}
	pushed, err := remote.Image(ref)
	if err != nil {
		t.Fatal(err)
	}
	baseLayers, _ := base.Layers()
	pushedLayers, _ := pushed.Layers()
	if len(pushedLayers) != len(baseLayers)+1 {
		t.Fatalf("want the base's %d layers and one more, got %d", len(baseLayers), len(pushedLayers))
	}
	files := lastLayerFiles(t, pushed)
	want := []string{"kubeless/", "kubeless/handler.js", "kubeless/node_modules/", "kubeless/node_modules/.bin-dep", "kubeless/node_modules/dep/", "kubeless/node_modules/dep/index.js"}
	if got := keys(files); len(got) != len(want) || got[1] != want[1] || got[3] != want[3] {
		t.Fatalf("layer entries: want %v, got %v", want, got)
	}
	if files["kubeless/handler.js"] != "exports.hello = 1;\n" || files["kubeless/node_modules/.bin-dep"] != "../dep/index.js" {
		t.Fatalf("layer content: %v", files)
	}
	digest, _ := pushed.Digest()
	if result.Digest != digest.String() {
		t.Fatalf("reported %s, registry holds %s", result.Digest, digest)
	}
}

func TestTheSameTagIsNeverBuiltTwice(t *testing.T) {
	registry := startRegistry(t, registryConfig{})
	pushBase(t, registry.Address+"/runtime:1", staticKeychain{})
	options := Options{Base: registry.Address + "/runtime:1", Dir: functionDir(t, "a"), Target: "/kubeless", Image: registry.Address + "/fn:hash1", Insecure: true, Keychain: staticKeychain{}}
	first, err := Run(context.Background(), options)
	if err != nil {
		t.Fatal(err)
	}
	options.Dir = filepath.Join(t.TempDir(), "absent")
	second, err := Run(context.Background(), options)
	if err != nil {
		t.Fatalf("an existing tag must not need the directory: %v", err)
	}
	if !second.Existed || second.Digest != first.Digest {
		t.Fatalf("want the existing %s, got %+v", first.Digest, second)
	}
}

func TestTheSameDirectoryGivesTheSameLayer(t *testing.T) {
	registry := startRegistry(t, registryConfig{})
	pushBase(t, registry.Address+"/runtime:1", staticKeychain{})
	dir := functionDir(t, "same")
	run := func(tag string) string {
		result, err := Run(context.Background(), Options{Base: registry.Address + "/runtime:1", Dir: dir, Target: "/kubeless", Image: registry.Address + "/fn:" + tag, Insecure: true, Keychain: staticKeychain{}})
		if err != nil {
			t.Fatal(err)
		}
		return result.Digest
	}
	if a, b := run("a"), run("b"); a != b {
		t.Fatalf("two builds of one directory differ: %s %s", a, b)
	}
}

func TestPullsDockerHubNamesFromTheMirror(t *testing.T) {
	registry := startRegistry(t, registryConfig{})
	pushBase(t, registry.Address+"/kubeless-ts/runtime-python:3.11", staticKeychain{})
	_, err := Run(context.Background(), Options{
		Base: "kubeless-ts/runtime-python:3.11", Dir: functionDir(t, "x"), Target: "/kubeless", Image: registry.Address + "/fn:h",
		Insecure: true, Keychain: staticKeychain{}, Mirrors: map[string]string{"docker.io": registry.Address},
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestSelfSignedRegistryWithCredentials(t *testing.T) {
	registry := startRegistry(t, registryConfig{tls: true, user: "builder", password: "s3cret"})
	good := staticKeychain{user: "builder", password: "s3cret"}
	insecure := Options{Insecure: true}.remoteOptions(context.Background())
	pushBase(t, registry.Address+"/runtime:1", good, insecure[2])
	options := Options{Base: registry.Address + "/runtime:1", Dir: functionDir(t, "x"), Target: "/kubeless", Image: registry.Address + "/fn:h", Insecure: true, Keychain: good}
	if _, err := Run(context.Background(), options); err != nil {
		t.Fatalf("tls-verify false against a self-signed certificate: %v", err)
	}

	t.Run("a wrong credential is KBL_BUILD_UNAUTHORIZED", func(t *testing.T) {
		wrong := options
		wrong.Image = registry.Address + "/fn:other"
		wrong.Keychain = staticKeychain{user: "builder", password: "wrong"}
		assertCode(t, wrong, CodeUnauthorized)
	})
	t.Run("verifying the self-signed certificate fails with a hint", func(t *testing.T) {
		verify := options
		verify.Image = registry.Address + "/fn:verified"
		verify.Insecure = false
		assertCode(t, verify, CodeRegistry)
	})
}

func TestUnreachableRegistry(t *testing.T) {
	address := "127.0.0.1:" + itoa(freePort(t))
	assertCode(t, Options{Base: address + "/runtime:1", Dir: t.TempDir(), Target: "/kubeless", Image: address + "/fn:h", Insecure: true, Keychain: staticKeychain{}}, CodeRegistryUnreachable)
}

func TestMissingBaseImage(t *testing.T) {
	registry := startRegistry(t, registryConfig{})
	assertCode(t, Options{Base: registry.Address + "/nothing:1", Dir: t.TempDir(), Target: "/kubeless", Image: registry.Address + "/fn:h", Insecure: true, Keychain: staticKeychain{}}, CodeBaseNotFound)
}

func TestMissingArguments(t *testing.T) {
	assertCode(t, Options{Dir: "/kubeless"}, CodeUsage)
}

func assertCode(t *testing.T, options Options, code string) {
	t.Helper()
	_, err := Run(context.Background(), options)
	var buildErr *Error
	if !errors.As(err, &buildErr) || buildErr.Code != code {
		t.Fatalf("want %s, got %v", code, err)
	}
}

func itoa(n int) string {
	return strconv.Itoa(n)
}
