package build

import v1 "github.com/google/go-containerregistry/pkg/v1"

func historyEntry(target string) v1.History {
	return v1.History{Author: "kubeless-ts function-image-builder", CreatedBy: "function-image-builder: COPY prepared function " + target, Created: v1.Time{Time: epoch}}
}
