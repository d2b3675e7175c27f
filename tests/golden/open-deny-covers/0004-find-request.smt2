; linkproof solver query 4: find-request
; answer: sat
; limits per check: time 10000 ms, resource unlimited
; 
(set-info :status unknown)
(declare-fun |action#exact| () Int)
(declare-fun |action#1| () Bool)
(declare-fun |action#0| () Bool)
(declare-fun |resource#exact| () Int)
(declare-fun |resource#1| () Bool)
(declare-fun |resource#2| () Bool)
(declare-fun |resource#0| () Bool)
(declare-fun principal () Int)
(declare-fun |goal#0| () Bool)
(declare-fun |ok:acs:securetransport#0| () Bool)
(declare-fun |bool:acs:securetransport#0| () Bool)
(declare-fun |present:acs:securetransport| () Bool)
(declare-fun |goal#1| () Bool)
(assert
 (>= |action#exact| (- 1)))
(assert
 (let (($x31 (>= |action#exact| 1)))
 (not $x31)))
(assert
 (or |action#0| (not |action#1|)))
(assert
 (>= |resource#exact| (- 1)))
(assert
 (let (($x55 (>= |resource#exact| 0)))
 (not $x55)))
(assert
 |resource#1|)
(assert
 (let (($x72 (not |resource#2|)))
 (or |resource#0| $x72)))
(assert
 (>= principal 0))
(assert
 (let (($x80 (>= principal 1)))
 (not $x80)))
(assert
 (let (($x58 (= |resource#exact| (- 1))))
 (let (($x50 (not $x58)))
 (let (($x33 (= |action#exact| (- 1))))
 (let (($x35 (= |action#exact| 0)))
 (let (($x29 (not $x35)))
 (let (($x109 (or $x29 $x33 $x50)))
 (let (($x122 (not |goal#0|)))
 (or $x122 $x109)))))))))
(assert
 (let (($x35 (= |action#exact| 0)))
 (let (($x122 (not |goal#0|)))
 (or $x122 $x35))))
(assert
 (let (($x33 (= |action#exact| (- 1))))
 (let (($x106 (not $x33)))
 (let (($x122 (not |goal#0|)))
 (or $x122 $x106)))))
(assert
 (let (($x58 (= |resource#exact| (- 1))))
 (let (($x122 (not |goal#0|)))
 (or $x122 $x58))))
(assert
 (let (($x122 (not |goal#0|)))
 (or $x122 |resource#2|)))
(assert
 (let (($x112 (not |ok:acs:securetransport#0|)))
 (let (($x53 (not |present:acs:securetransport|)))
 (let (($x58 (= |resource#exact| (- 1))))
 (let (($x50 (not $x58)))
 (let (($x120 (or $x50 (not (ite (= |action#exact| (- 1)) |action#1| (= |action#exact| 0))) $x53 |bool:acs:securetransport#0| $x112)))
 (let (($x122 (not |goal#0|)))
 (or $x122 $x120))))))))
(assert
 (let (($x35 (= |action#exact| 0)))
 (let (($x33 (= |action#exact| (- 1))))
 (let (($x110 (ite $x33 |action#0| $x35)))
 (let (($x122 (not |goal#0|)))
 (or $x122 $x110))))))
(assert
 (let (($x122 (not |goal#0|)))
 (or $x122 |resource#0|)))
(assert
 (let (($x58 (= |resource#exact| (- 1))))
 (let (($x35 (= |action#exact| 0)))
 (let (($x33 (= |action#exact| (- 1))))
 (let (($x113 (ite $x33 |action#1| $x35)))
 (let (($x130 (and $x113 $x58 |present:acs:securetransport| |ok:acs:securetransport#0| (not |bool:acs:securetransport#0|))))
 (let (($x106 (not $x33)))
 (let (($x121 (and $x106 $x35 $x58)))
 (let (($x105 (or $x121 $x130)))
 (let (($x119 (and $x106 $x35 $x58 |resource#2| $x105)))
 (or (not |goal#1|) $x119)))))))))))
(check-sat-assuming (|goal#1|))
