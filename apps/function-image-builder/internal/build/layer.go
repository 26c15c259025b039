package build

import (
	"archive/tar"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// epoch is every entry's time: the same directory always gives the same
// layer digest, so an unchanged function pushes nothing new.
var epoch = time.Unix(0, 0).UTC()

// writeLayerTar writes dir as a tar whose entries live under target (an
// absolute path in the image), owners and modes as on disk, sorted by walk order.
func writeLayerTar(w io.Writer, dir, target string) error {
	root := strings.TrimPrefix(path.Clean(target), "/")
	tw := tar.NewWriter(w)
	err := filepath.WalkDir(dir, func(file string, entry fs.DirEntry, walkErr error) error {
		if walkErr != nil {
			return walkErr
		}
		info, err := entry.Info()
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, file)
		if err != nil {
			return err
		}
		link := ""
		if info.Mode()&fs.ModeSymlink != 0 {
			if link, err = os.Readlink(file); err != nil {
				return err
			}
		}
		header, err := tar.FileInfoHeader(info, link)
		if err != nil {
			return err
		}
		header.Name = path.Join(root, filepath.ToSlash(rel))
		if info.IsDir() {
			header.Name += "/"
		}
		header.ModTime, header.AccessTime, header.ChangeTime = epoch, epoch, epoch
		header.Uname, header.Gname = "", ""
		header.Format = tar.FormatPAX
		if err := tw.WriteHeader(header); err != nil {
			return err
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		f, err := os.Open(file)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(tw, f)
		return err
	})
	if err != nil {
		return err
	}
	return tw.Close()
}

// directoryLayer makes the layer in a temporary file (node_modules may be
// large; memory is the pod's limit, /tmp its emptyDir).
func directoryLayer(dir, target string) (v1.Layer, func(), error) {
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return nil, func() {}, &Error{Code: CodeDirectory, Message: fmt.Sprintf("%s is not a directory", dir), Hint: "the prepare/install init containers should have filled it", Err: err}
	}
	file, err := os.CreateTemp("", "function-layer-*.tar")
	if err != nil {
		return nil, func() {}, &Error{Code: CodeDirectory, Message: "cannot create the layer file", Err: err}
	}
	cleanup := func() { _ = os.Remove(file.Name()) }
	if err := writeLayerTar(file, dir, target); err != nil {
		_ = file.Close()
		cleanup()
		return nil, func() {}, &Error{Code: CodeDirectory, Message: fmt.Sprintf("cannot read %s", dir), Err: err}
	}
	if err := file.Close(); err != nil {
		cleanup()
		return nil, func() {}, &Error{Code: CodeDirectory, Message: "cannot write the layer file", Err: err}
	}
	layer, err := tarball.LayerFromFile(file.Name())
	if err != nil {
		cleanup()
		return nil, func() {}, &Error{Code: CodeDirectory, Message: "cannot read the layer file", Err: err}
	}
	return layer, cleanup, nil
}
